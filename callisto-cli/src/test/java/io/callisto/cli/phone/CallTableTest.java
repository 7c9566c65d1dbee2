package io.callisto.cli.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The phone's call numbering, the current call, the status line and history. */
class CallTableTest {

    private final CallTable table = new CallTable();

    @Test
    void numbersCallsAndShowsThemInTheStatusLine() {
        assertThat(table.status("off")).containsExactly("registered", "off", "calls", "none");
        Line a = table.add(null, "sip:bob@example.com", true, 0);
        Line b = table.add(null, "sip:carol@example.com", false, 10);
        assertThat(a.number).isEqualTo(1);
        assertThat(b.number).isEqualTo(2);
        assertThat(table.status("yes")).containsExactly("registered", "yes", "calls",
                "1 out sip:bob@example.com trying, 2 in sip:carol@example.com trying");

        a.moveTo(Line.State.RINGING, 20);
        b.moveTo(Line.State.EARLY, 20);
        assertThat(table.status("yes")[3]).isEqualTo("1 out sip:bob@example.com ringing, 2 in sip:carol@example.com "
                + "early");
        a.moveTo(Line.State.CONFIRMED, 30);
        a.heldByUs(true);
        b.moveTo(Line.State.CONFIRMED, 30);
        b.heldByPeer(true);
        assertThat(table.status("no")[3]).isEqualTo("1 out sip:bob@example.com held, 2 in sip:carol@example.com "
                + "remote-held");
        a.heldByUs(false);
        assertThat(a.label()).isEqualTo("confirmed");
    }

    @Test
    void endedCallsLeaveTheStatusLineButStayInHistory() {
        Line a = table.add(null, "sip:bob@example.com", true, 0);
        a.moveTo(Line.State.CONFIRMED, 100);
        a.ended(200, "remote BYE", 1600);
        assertThat(a.moveTo(Line.State.CONFIRMED, 1700)).as("no way back from ended").isFalse();
        assertThat(table.status("yes")[3]).isEqualTo("none");
        assertThat(table.all()).containsExactly(a);
        assertThat(table.endedCount()).isEqualTo(1);
        assertThat(a.label()).isEqualTo("ended");
        assertThat(a.talkMillis(5000)).isEqualTo(1500);
        assertThat(a.endStatus()).isEqualTo(200);
        assertThat(a.endReason()).isEqualTo("remote BYE");
    }

    @Test
    void aCommandWithoutANumberMeansTheCurrentCall() {
        Line a = table.add(null, "sip:a@x", true, 0);
        Line b = table.add(null, "sip:b@x", true, 0);
        assertThat(table.select(0)).isSameAs(b);
        table.touch(a);
        assertThat(table.select(0)).isSameAs(a);
        a.ended(200, "bye", 1);
        assertThat(table.select(0)).as("the current call ended: the latest one up").isSameAs(b);
        assertThat(table.select(2)).isSameAs(b);
        assertThatThrownBy(() -> table.select(1)).hasMessage("call 1 has ended");
        assertThatThrownBy(() -> table.select(7)).hasMessage("there is no call 7");
        b.ended(200, "bye", 2);
        assertThatThrownBy(() -> table.select(0)).hasMessage("there is no call");
    }

    @Test
    void answerMeansTheOldestWaitingIncomingCall() {
        Line out = table.add(null, "sip:a@x", true, 0);
        assertThatThrownBy(() -> table.selectIncoming(0)).hasMessage("no incoming call is waiting");
        Line first = table.add(null, "sip:b@x", false, 0);
        Line second = table.add(null, "sip:c@x", false, 0);
        first.moveTo(Line.State.RINGING, 1);
        assertThat(table.selectIncoming(0)).isSameAs(first);
        assertThat(table.selectIncoming(3)).isSameAs(second);
        assertThatThrownBy(() -> table.selectIncoming(1)).hasMessage("call 1 is not an unanswered incoming call");
        first.moveTo(Line.State.CONFIRMED, 2);
        assertThat(table.selectIncoming(0)).isSameAs(second);
        assertThat(out.isIncomingUnanswered()).isFalse();
        assertThat(second.claimAnswer()).isTrue();
        assertThat(second.claimAnswer()).as("answered once").isFalse();
    }

    @Test
    void attendedTransferFindsTheOtherCall() {
        Line a = table.add(null, "sip:a@x", true, 0);
        assertThatThrownBy(() -> table.otherThan(a)).hasMessage("attended transfer needs a second call");
        Line b = table.add(null, "sip:b@x", true, 0);
        assertThat(table.otherThan(a)).isSameAs(b);
        assertThat(table.otherThan(b)).isSameAs(a);
        table.add(null, "sip:c@x", true, 0);
        assertThatThrownBy(() -> table.otherThan(a)).hasMessageContaining("say which");
    }
}
