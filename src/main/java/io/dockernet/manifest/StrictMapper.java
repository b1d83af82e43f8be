package io.dockernet.manifest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The Jackson mapper that binds manifest trees to the API classes: unknown fields fail, and no
 * scalar is coerced into another type ({@code internal: "yes"} is an error, not true; a number
 * where a string belongs is an error, as kubectl reports it too).
 */
final class StrictMapper {
  static final ObjectMapper MAPPER = create();

  private StrictMapper() {}

  private static ObjectMapper create() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();
    for (LogicalType type : LogicalType.values()) {
      for (CoercionInputShape shape :
          new CoercionInputShape[] {
            CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean,
            CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.EmptyArray,
            CoercionInputShape.EmptyObject
          }) {
        if (!natural(type, shape)) {
          mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
      }
    }
    return mapper;
  }

  /** The shapes each type is written in; every other combination is a coercion, refused. */
  private static boolean natural(LogicalType type, CoercionInputShape shape) {
    return switch (type) {
      case Textual -> shape == CoercionInputShape.String || shape == CoercionInputShape.EmptyString;
      case Boolean -> shape == CoercionInputShape.Boolean;
      case Integer -> shape == CoercionInputShape.Integer;
      case Float -> shape == CoercionInputShape.Float || shape == CoercionInputShape.Integer;
      case Enum -> shape == CoercionInputShape.String;
      case Array, Collection -> shape == CoercionInputShape.EmptyArray;
      case Map, POJO, Untyped, OtherScalar, DateTime, Binary ->
          shape == CoercionInputShape.EmptyObject
              || (type == LogicalType.Untyped || type == LogicalType.OtherScalar);
    };
  }
}
