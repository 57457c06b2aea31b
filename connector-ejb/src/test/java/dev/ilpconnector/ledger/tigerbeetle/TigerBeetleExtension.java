package dev.ilpconnector.ledger.tigerbeetle;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the JVM's one {@link TigerBeetleServer}:
 * {@code @ExtendWith(TigerBeetleExtension.class)} and a {@code TigerBeetleServer} parameter
 * (constructor, lifecycle or test method).
 */
public final class TigerBeetleExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TigerBeetleServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return TigerBeetleServer.shared(context);
    }
}
