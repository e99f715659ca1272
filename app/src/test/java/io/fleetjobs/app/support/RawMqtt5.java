package io.fleetjobs.app.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A bare MQTT 5 client on a socket, for what a well-behaved client library refuses to do: send a packet bigger than
 * the broker's announced maximum. It speaks just enough: CONNECT with user name and password, QoS 1 PUBLISH, and
 * reading the broker's next packet.
 */
public final class RawMqtt5 implements AutoCloseable {

  /** A packet from the broker: its type (the fixed header's upper four bits) and its body. */
  public record Packet(int type, byte[] body) {
    public static final int CONNACK = 2;
    public static final int PUBACK = 4;
    public static final int DISCONNECT = 14;

    /** The reason code of a CONNACK, PUBACK or DISCONNECT. */
    public int reasonCode() {
      return switch (type) {
        case CONNACK -> body[1] & 0xff;
        case PUBACK -> body.length > 2 ? body[2] & 0xff : 0;
        default -> body.length > 0 ? body[0] & 0xff : 0;
      };
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawMqtt5(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects and signs in; returns the CONNACK. */
  public static RawMqtt5 connect(int port, String clientId, String username, String password) {
    try {
      RawMqtt5 client = new RawMqtt5(new Socket("127.0.0.1", port));
      client.socket.setSoTimeout(10_000);
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      string(body, "MQTT");
      body.write(5);
      body.write(0x80 | 0x40 | 0x02); // user name, password, clean start
      body.write(0);
      body.write(60); // keep alive
      body.write(0); // no properties
      string(body, clientId);
      string(body, username);
      string(body, password);
      client.send(0x10, body.toByteArray());
      Packet connack = client.next();
      if (connack.type() != Packet.CONNACK || connack.reasonCode() != 0) {
        throw new IllegalStateException("connect refused: packet " + connack.type() + " reason " + connack.reasonCode());
      }
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Publishes {@code payload} at QoS 1 as packet 1, whatever its size. A broker may refuse a packet from its fixed
   * header and close the connection while the rest is still being written; the write then fails with a broken pipe or
   * a reset, which is not the test's business: what the broker answered before closing is still read by {@link #next()}.
   */
  public void publish(String topic, byte[] payload) {
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      string(body, topic);
      body.write(0);
      body.write(1); // packet identifier 1
      body.write(0); // no properties
      body.write(payload);
      send(0x32, body.toByteArray());
    } catch (SocketException e) {
      // closed by the broker mid-write: see above
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The broker's next packet; fails if none comes within 10 s. */
  public Packet next() {
    try {
      int header = in.readUnsignedByte();
      int length = 0;
      int shift = 0;
      int b;
      do {
        b = in.readUnsignedByte();
        length |= (b & 0x7f) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      byte[] body = new byte[length];
      in.readFully(body);
      return new Packet(header >> 4, body);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the broker sent nothing within 10 s");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the broker has closed the connection (reads to its end). */
  public boolean closedByBroker() {
    try {
      while (in.read() != -1) {
        // drain
      }
      return true;
    } catch (EOFException e) {
      return true;
    } catch (IOException e) {
      return e.getMessage() != null && e.getMessage().contains("reset");
    }
  }

  private void send(int header, byte[] body) throws IOException {
    ByteArrayOutputStream packet = new ByteArrayOutputStream(body.length + 5);
    packet.write(header);
    int length = body.length;
    do {
      int digit = length % 128;
      length /= 128;
      packet.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
    packet.write(body);
    out.write(packet.toByteArray());
    out.flush();
  }

  private static void string(ByteArrayOutputStream out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.write(bytes.length >> 8);
    out.write(bytes.length & 0xff);
    out.write(bytes, 0, bytes.length);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
