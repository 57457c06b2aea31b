package dev.ilpconnector.web.admin;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The admin API's one error shape: {@code {"error": "..."}} with a status. */
final class ErrorJson {

    private ErrorJson() {
    }

    static Response.ResponseBuilder response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("error", message).build());
    }
}
