package io.dockernet.bench;

/** The baseline of the start-up scenario: a JVM that starts, prints a line and exits. */
public final class StartupHello {
  private StartupHello() {}

  public static void main(String[] args) {
    System.out.println("hello");
  }
}
