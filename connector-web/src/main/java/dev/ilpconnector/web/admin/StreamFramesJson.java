package dev.ilpconnector.web.admin;

import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.stream.StreamErrorCode;
import dev.ilpconnector.codec.stream.StreamFrame;
import dev.ilpconnector.codec.stream.StreamPacket;
import dev.ilpconnector.telemetry.LoggedPacket;
import dev.ilpconnector.telemetry.StreamView;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code GET /admin/packets/{id}/stream}: {@code {"frames": [...], "replyFrames": [...]}}, one
 * object per STREAM frame: {@code type} (the RFC 29 name, e.g. {@code StreamMoney}),
 * {@code streamId} as a number, amounts and offsets as decimal strings, data as {@code hex}
 * plus {@code text} when it is UTF-8, everything else as written in the frame.
 */
final class StreamFramesJson {

    private StreamFramesJson() {
    }

    /** The answer before it becomes a response: a status and its JSON body. */
    record Result(int status, JsonObject body) {

        static Result notFound(String why) {
            return new Result(404, Json.createObjectBuilder().add("error", why).build());
        }
    }

    static Response response(LoggedPacket packet, StreamView view) {
        Result result = result(packet, view);
        return Response.status(result.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(result.body()).build();
    }

    static Result result(LoggedPacket packet, StreamView view) {
        if (packet == null) {
            return Result.notFound("no such packet in the log");
        }
        LoggedPacket.Bytes bytes = packet.bytes();
        if (bytes == null) {
            return Result.notFound("the packet's bytes were evicted from the log");
        }
        if (view == null) {
            return Result.notFound("no STREAM receiver is attached");
        }
        Optional<StreamView.Packets> opened = view.open(IlpCodec.decodePrepare(bytes.prepare()),
                IlpCodec.decodeResponse(bytes.response()));
        if (opened.isEmpty()) {
            return Result.notFound("not a STREAM packet of this node's receiver");
        }
        return new Result(200, json(opened.get()));
    }

    static JsonObject json(StreamView.Packets packets) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("frames", frames(packets.request()));
        if (packets.reply().isPresent()) {
            json.add("replyFrames", frames(packets.reply().get()));
        } else {
            json.addNull("replyFrames");
        }
        return json.build();
    }

    private static JsonArrayBuilder frames(StreamPacket packet) {
        JsonArrayBuilder frames = Json.createArrayBuilder();
        for (StreamFrame frame : packet.frames()) {
            frames.add(frame(frame));
        }
        return frames;
    }

    /** The frame's record components by name (the frames are records of the codec). */
    static JsonObject frame(StreamFrame frame) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", frame.getClass().getSimpleName());
        RecordComponent[] components = frame.getClass().getRecordComponents();
        for (RecordComponent c : components == null ? new RecordComponent[0] : components) {
            Object value;
            try {
                value = c.getAccessor().invoke(frame);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("frame " + c.getName(), e);
            }
            add(json, c.getName(), value);
        }
        return json.build();
    }

    private static void add(JsonObjectBuilder json, String name, Object value) {
        if (value instanceof Long n) {
            if (name.equals("streamId")) {
                json.add(name, n); // ids stay small: a number is easier to read
            } else {
                json.add(name, Long.toUnsignedString(n));
            }
        } else if (value instanceof StreamErrorCode code) {
            json.add(name, code.value());
        } else if (value instanceof Integer n) {
            json.add(name, n);
        } else if (value instanceof byte[] data) {
            json.add("hex", HexFormat.of().formatHex(data));
            String text = utf8(data);
            if (text == null) {
                json.addNull("text");
            } else {
                json.add("text", text);
            }
        } else if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value.toString());
        }
    }

    /** The bytes as text when they are valid UTF-8, else null. */
    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
