package io.dockernet.cli;

import java.time.Duration;
import picocli.CommandLine;

/** Parses 500ms, 30s, 5m, 1h. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase();
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 500ms, 30s, 5m");
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 500ms, 30s, 5m");
    }
  }
}
