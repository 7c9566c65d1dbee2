package io.callisto.jmh;

/** Prints the sizes of the benchmark messages: {@code java -cp callisto-jmh/target/benchmarks.jar io.callisto.jmh.Sizes}. */
public final class Sizes {
    private Sizes() {}

    public static void main(String[] args) {
        print("INVITE", Messages.invite().length, Messages.utf8(Messages.OFFER).length);
        print("200 OK", Messages.ok200().length, Messages.utf8(Messages.ANSWER).length);
    }

    private static void print(String name, int total, int body) {
        System.out.printf("%-7s %4d bytes (headers and start line %d, SDP body %d)%n", name, total, total - body, body);
    }
}
