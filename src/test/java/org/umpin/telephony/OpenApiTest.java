package org.umpin.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.testing.TelephonyClient;
import org.umpin.testing.UmpinExtension;

/** /pin/v1/openapi.json, fetched over HTTP without credentials and read by a real OpenAPI 3 parser. */
class OpenApiTest {

    @RegisterExtension
    static final UmpinExtension UMPIN = new UmpinExtension();

    @Test
    void theDocumentIsValidOpenApiAndListsEveryOperation() throws Exception {
        TelephonyClient.Answer answer = UMPIN.server().telephony(null, null).send("GET", "openapi.json", null, null);
        assertEquals(200, answer.status(), "public, like the WSDL");
        assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(answer.body(), null, options);
        assertTrue(result.getMessages().isEmpty(), "the parser's complaints: " + result.getMessages());
        OpenAPI api = result.getOpenAPI();
        assertNotNull(api);
        assertTrue(api.getOpenapi().startsWith("3."), api.getOpenapi());

        Set<String> operations = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                operations.add(method + " " + path)));
        assertEquals(new TreeSet<>(Set.of("POST /logon", "PUT /mailboxes/{mailbox}/pin", "GET /mailboxes/{mailbox}",
                "GET /openapi.json")), operations);

        Map<String, Operation> byId = new java.util.HashMap<>();
        api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> byId.put(op.getOperationId(), op)));
        assertTrue(byId.get("logon").getResponses().keySet().containsAll(Set.of("200", "400", "401", "403", "404")));
        assertTrue(byId.get("changePin").getResponses().keySet().containsAll(Set.of("204", "403", "422", "423")));
        assertTrue(byId.get("getPinState").getResponses().containsKey("200"));
        assertTrue(api.getComponents().getSchemas().keySet().containsAll(Set.of("Problem", "PinRefused", "LogonResult")));
    }
}
