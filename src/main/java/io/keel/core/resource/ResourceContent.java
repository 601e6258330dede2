package io.keel.core.resource;

/**
 * What a content filter tests of a resource (TS-0004 7.3.3.17): its content, and the encoding part of its contentInfo
 * ({@code type/subtype:encoding}: 1 is base64 of a string, 2 base64 of binary data), null when there is none.
 */
public record ResourceContent(Object value, String encoding) {
}
