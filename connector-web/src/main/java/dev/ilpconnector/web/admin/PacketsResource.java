package dev.ilpconnector.web.admin;

import dev.ilpconnector.Limits;
import dev.ilpconnector.codec.oer.CodecException;
import dev.ilpconnector.node.ExplorerNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HexFormat;

/**
 * {@code POST /admin/packets/decode {"hex": "..."}}: an ILP or BTP packet as JSON.
 * {@code GET /admin/packets}, {@code GET /admin/packets/{id}}: the explorer's packet log
 * ({@link PacketLogQuery}, docs/explorer.md).
 */
@Path("packets")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class PacketsResource {

    @Inject
    ExplorerNode explorer;

    @GET
    public Response list(@QueryParam("peer") String peer, @QueryParam("prefix") String prefix,
                         @QueryParam("code") String code,
                         @QueryParam("condition") String condition,
                         @QueryParam("limit") String limit) {
        return PacketLogQuery.list(explorer.explorer().log(), peer, prefix, code, condition,
                limit);
    }

    @GET
    @Path("{id}")
    public Response packet(@PathParam("id") String id) {
        return PacketLogQuery.detail(explorer.explorer().log(), id);
    }

    /**
     * The decrypted STREAM frames of a packet this node's agent received (the agent's receiver
     * decrypts; its keys never come here). 404 when the packet is unknown, its bytes were
     * evicted, no receiver is attached, or it is not one of the receiver's.
     */
    @GET
    @Path("{id}/stream")
    public Response stream(@PathParam("id") String id) {
        return StreamFramesJson.response(PacketLogQuery.find(explorer.explorer().log(), id),
                explorer.streamView());
    }

    @POST
    @Path("decode")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decode(JsonObject body) {
        JsonValue hex = body == null ? null : body.get("hex");
        if (!(hex instanceof JsonString text)) {
            return bad("body must be {\"hex\": \"<packet as hex>\"}");
        }
        String digits = text.getString().strip();
        // Nothing larger than a BTP frame is a packet; refuse before allocating for it.
        if (digits.length() > 2 * Limits.BTP_FRAME_BYTES_MAX) {
            return bad("hex longer than " + Limits.BTP_FRAME_BYTES_MAX + " bytes");
        }
        byte[] packet;
        try {
            packet = HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            return bad("hex: " + e.getMessage());
        }
        try {
            return Response.ok(PacketJson.decode(packet)).build();
        } catch (CodecException e) {
            return bad(e.getMessage());
        }
    }

    private static Response bad(String message) {
        return ErrorJson.response(400, message).build();
    }
}
