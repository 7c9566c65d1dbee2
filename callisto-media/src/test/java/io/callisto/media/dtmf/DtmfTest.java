package io.callisto.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DtmfTest {

    @Test
    void telephoneEventPayloadOfRfc4733Section2_3() {
        TelephoneEvent e = new TelephoneEvent(11, true, 10, 800);
        assertThat(e.toBytes()).containsExactly(11, 0x80 | 10, 0x03, 0x20);
        assertThat(TelephoneEvent.parse(e.toBytes()).value()).isEqualTo(e);
        assertThat(TelephoneEvent.parse(new byte[3]).error()).contains("shorter than 4");
        assertThat(TelephoneEvent.parse(null).isOk()).isFalse();
        assertThat(TelephoneEvent.eventOf('#')).isEqualTo(11);
        assertThat(TelephoneEvent.eventOf('d')).isEqualTo(15);
        assertThat(TelephoneEvent.eventOf('x')).isEqualTo(-1);
        assertThat(TelephoneEvent.digitOf(10)).isEqualTo('*');
        assertThat(TelephoneEvent.digitOf(16)).isEqualTo((char) 0);
    }

    @Test
    void senderSendsStartGrowingDurationAndThreeEndPacketsWithOneTimestamp() {
        DtmfSender sender = new DtmfSender(8000, 160, 10);
        sender.queue('5', 100); // 800 timestamp units = 5 ticks
        List<DtmfSender.Packet> packets = new ArrayList<>();
        long ts = 1000;
        for (int tick = 0; tick < 12; tick++, ts += 160) {
            DtmfSender.Packet p = sender.tick(ts);
            if (p != null) {
                packets.add(p);
            }
        }
        assertThat(packets).hasSize(7); // 4 growing + 3 end packets
        assertThat(packets).allMatch(p -> p.timestamp() == 1000 && p.event().event() == 5);
        assertThat(packets.get(0).marker()).isTrue();
        assertThat(packets.subList(1, 7)).noneMatch(DtmfSender.Packet::marker);
        assertThat(packets.stream().map(p -> p.event().duration()).toList())
                .containsExactly(160, 320, 480, 640, 800, 800, 800);
        assertThat(packets.stream().filter(p -> p.event().end()).count()).isEqualTo(3);
        assertThat(sender.busy()).isFalse();
    }

    @Test
    void digitsAreSeparatedByAPause() {
        DtmfSender sender = new DtmfSender(8000, 160, 10);
        sender.queue('1', 40);
        sender.queue('2', 40);
        List<Long> starts = new ArrayList<>();
        for (int tick = 0; tick < 20; tick++) {
            DtmfSender.Packet p = sender.tick(tick * 160L);
            if (p != null && p.marker()) {
                starts.add(p.timestamp());
            }
        }
        assertThat(starts).containsExactly(0L, 160L * 7); // 2 packets + 2 more ends + 3 ticks pause
        assertThatThrownBy(() -> sender.queue('x', 100)).hasMessageContaining("not a DTMF digit");
    }

    @Test
    void receiverReportsEachDigitOnceWithItsDuration() {
        List<DtmfDigit> digits = new ArrayList<>();
        DtmfReceiver receiver = new DtmfReceiver(8000, digits::add);
        DtmfSender sender = new DtmfSender(8000, 160, 10);
        for (char c : "159#".toCharArray()) {
            sender.queue(c, 120);
        }
        for (int tick = 0; tick < 100; tick++) {
            DtmfSender.Packet p = sender.tick(tick * 160L);
            if (p != null) {
                receiver.onPacket(p.timestamp(), p.event().toBytes());
            }
        }
        assertThat(digits).containsExactly(new DtmfDigit('1', 120), new DtmfDigit('5', 120), new DtmfDigit('9', 120),
                new DtmfDigit('#', 120));
    }

    @Test
    void aDigitWhoseEndPacketsWereLostIsReportedWhenTheNextStarts() {
        List<DtmfDigit> digits = new ArrayList<>();
        DtmfReceiver receiver = new DtmfReceiver(8000, digits::add);
        receiver.onPacket(0, new TelephoneEvent(3, false, 10, 160).toBytes());
        receiver.onPacket(0, new TelephoneEvent(3, false, 10, 320).toBytes());
        assertThat(digits).isEmpty();
        receiver.onPacket(2000, new TelephoneEvent(4, false, 10, 160).toBytes());
        assertThat(digits).containsExactly(new DtmfDigit('3', 40));
        receiver.onPacket(0, new TelephoneEvent(3, true, 10, 480).toBytes()); // late end of the old event
        receiver.onPacket(2000, new TelephoneEvent(4, true, 10, 400).toBytes());
        receiver.onPacket(2000, new TelephoneEvent(4, true, 10, 400).toBytes());
        assertThat(digits).containsExactly(new DtmfDigit('3', 40), new DtmfDigit('4', 50));
        assertThat(receiver.onPacket(4000, new byte[2])).isFalse();
    }

    @Test
    void aLastDigitWithoutEndPacketsIsReportedAfterAQuietSpell() {
        List<DtmfDigit> digits = new ArrayList<>();
        DtmfReceiver receiver = new DtmfReceiver(8000, digits::add);
        receiver.onPacket(0, new TelephoneEvent(7, false, 10, 160).toBytes());
        receiver.tick();
        receiver.onPacket(0, new TelephoneEvent(7, false, 10, 320).toBytes());
        for (int i = 0; i < DtmfReceiver.SILENCE_TICKS - 1; i++) {
            receiver.tick();
        }
        assertThat(digits).isEmpty();
        receiver.tick();
        assertThat(digits).containsExactly(new DtmfDigit('7', 40));
        for (int i = 0; i < 50; i++) {
            receiver.tick();
        }
        receiver.onPacket(0, new TelephoneEvent(7, true, 10, 480).toBytes()); // the end arrives after all
        assertThat(digits).hasSize(1);
    }
}
