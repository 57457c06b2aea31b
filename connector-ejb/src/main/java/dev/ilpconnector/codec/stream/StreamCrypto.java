package dev.ilpconnector.codec.stream;

import dev.ilpconnector.codec.oer.CodecException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JDK primitives STREAM is built from (RFC 29 §4): HMAC-SHA256, SHA-256 and AES-256-GCM
 * in the layout the JS library puts on the wire, IV (12 bytes) || tag (16) || ciphertext.
 * Cipher, Mac and MessageDigest are not thread-safe: one of each per thread, re-keyed per
 * call (no provider lookup per packet).
 */
public final class StreamCrypto {

    public static final int IV_BYTES = 12;
    public static final int TAG_BYTES = 16;
    public static final int KEY_BYTES = 32;

    static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Mac> HMAC =
            ThreadLocal.withInitial(() -> instance(() -> Mac.getInstance("HmacSHA256")));
    private static final ThreadLocal<MessageDigest> SHA256 =
            ThreadLocal.withInitial(() -> instance(() -> MessageDigest.getInstance("SHA-256")));
    private static final ThreadLocal<Cipher> GCM =
            ThreadLocal.withInitial(StreamCrypto::newGcm);

    private StreamCrypto() {
    }

    private interface Factory<T> {
        T create() throws GeneralSecurityException;
    }

    private static <T> T instance(Factory<T> factory) {
        try {
            return factory.create();
        } catch (GeneralSecurityException e) {
            // every Java platform must provide HmacSHA256, SHA-256 and AES/GCM/NoPadding
            throw new IllegalStateException("JDK crypto primitive unavailable", e);
        }
    }

    private static Cipher newGcm() {
        return instance(() -> Cipher.getInstance("AES/GCM/NoPadding"));
    }

    /** HMAC-SHA256(key, data). */
    public static byte[] hmacSha256(byte[] key, byte[] data) {
        return hmacSha256(new SecretKeySpec(key, "HmacSHA256"), data);
    }

    static byte[] hmacSha256(SecretKeySpec key, byte[] data) {
        Mac mac = HMAC.get();
        try {
            mac.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("bad HMAC key", e);
        }
        return mac.doFinal(data);
    }

    /** SHA-256(data). */
    public static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    /** AES-256-GCM with a fresh random IV: IV || tag || ciphertext. */
    public static byte[] encrypt(byte[] key32, byte[] plaintext) {
        return encrypt(aesKey(key32), plaintext, RANDOM);
    }

    /** As {@link #encrypt(byte[], byte[])} with the IV drawn from {@code random} (tests). */
    public static byte[] encrypt(byte[] key32, byte[] plaintext, Random random) {
        return encrypt(aesKey(key32), plaintext, random);
    }

    static SecretKeySpec aesKey(byte[] key32) {
        if (key32.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 key must be 32 bytes");
        }
        return new SecretKeySpec(key32, "AES");
    }

    static byte[] encrypt(SecretKeySpec key, byte[] plaintext, Random random) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        GCMParameterSpec spec = new GCMParameterSpec(TAG_BYTES * 8, iv);
        Cipher cipher = GCM.get();
        try {
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, spec);
            } catch (InvalidAlgorithmParameterException reusedIv) {
                // the JDK refuses a key+IV pair it just used; only fixed test IVs repeat
                cipher = newGcm();
                cipher.init(Cipher.ENCRYPT_MODE, key, spec);
            }
            byte[] sealed = cipher.doFinal(plaintext); // ciphertext || tag
            int n = plaintext.length;
            byte[] out = new byte[IV_BYTES + TAG_BYTES + n];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, n, out, IV_BYTES, TAG_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES + TAG_BYTES, n);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Opens IV || tag || ciphertext.
     *
     * @throws CodecException when too short or the tag does not verify (wrong key, tampered)
     */
    public static byte[] decrypt(byte[] key32, byte[] sealed) {
        return decrypt(aesKey(key32), sealed);
    }

    static byte[] decrypt(SecretKeySpec key, byte[] sealed) {
        if (sealed.length < IV_BYTES + TAG_BYTES) {
            throw new CodecException("encrypted STREAM data of " + sealed.length
                    + " byte(s) is shorter than IV and tag", -1);
        }
        Cipher cipher = GCM.get();
        try {
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BYTES * 8, sealed, 0, IV_BYTES));
            int head = IV_BYTES + TAG_BYTES;
            // the JDK wants ciphertext then tag: feed them in that order, no copy
            byte[] first = cipher.update(sealed, head, sealed.length - head);
            byte[] rest = cipher.doFinal(sealed, IV_BYTES, TAG_BYTES);
            return first == null || first.length == 0 ? rest : concat(first, rest);
        } catch (AEADBadTagException e) {
            throw new CodecException("cannot decrypt: wrong key or corrupted data", -1, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
