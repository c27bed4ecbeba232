package inbox

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// A burst of messages is one email per recipient per thread, sent when
// the digest window has passed, in the recipient's language, with the
// thread's reply address; a message after the digest books the next one.
func TestDigestBatchesABurstIntoOneEmail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		q := f.queue()
		th := f.ask(t, "Envío", "¿Cuándo llega el paquete?")
		f.clk.Advance(10 * time.Second)
		f.post(t, th, f.creatorAuthor(ChannelPortal), "Y otra cosa")
		f.clk.Advance(10 * time.Second)
		f.post(t, th, f.creatorAuthor(ChannelPortal), "¡Gracias!")

		if n := runDue(t, d, q, DigestKind); n != 0 {
			t.Fatalf("%d digests ran before the window passed", n)
		}
		f.clk.Advance(DefaultDigestDelay)
		if n := runDue(t, d, q, DigestKind); n != 2 {
			t.Fatalf("%d digest jobs ran, want one per community manager", n)
		}
		team := outbox(t, d, "inbox.email.to_team_reply")
		if len(team) != 2 {
			t.Fatalf("team emails: %+v", team)
		}
		for _, m := range team {
			for _, want := range []string{"¿Cuándo llega el paquete?", "Y otra cosa", "¡Gracias!", "/inbox/threads/"} {
				if !strings.Contains(m["body"], want) {
					t.Errorf("team digest to %s lacks %q:\n%s", m["to"], want, m["body"])
				}
			}
			if m["locale"] != "en" || m["reply_to"] != "reply+"+th.ReplyToken+"@in.roster.test" {
				t.Errorf("team digest locale %s reply-to %s", m["locale"], m["reply_to"])
			}
		}

		// Two team answers in a burst: one email to the creator, in Spanish.
		f.post(t, th, TeamAuthor(f.cm, ChannelWeb), "Mañana sale.")
		f.post(t, th, TeamAuthor(f.cm2, ChannelWeb), "Y llega el jueves.")
		f.clk.Advance(DefaultDigestDelay)
		if n := runDue(t, d, q, DigestKind); n != 1 {
			t.Fatalf("%d digest jobs for the creator, want 1", n)
		}
		mine := outbox(t, d, "inbox.email.to_creator_reply")
		if len(mine) != 1 || mine[0]["to"] != "lucia@example.test" || mine[0]["locale"] != "es" ||
			!strings.Contains(mine[0]["body"], "Mañana sale.") || !strings.Contains(mine[0]["body"], "Y llega el jueves.") ||
			strings.Contains(mine[0]["body"], "¡Gracias!") {
			t.Fatalf("creator digest: %+v", mine)
		}

		// Once assigned, a creator message goes to the assignee only, and
		// only the new message is in it.
		me := f.cm.UserID()
		if _, err := f.svc.Assign(context.Background(), f.cm, th.ID, &me); err != nil {
			t.Fatal(err)
		}
		f.post(t, th, f.creatorAuthor(ChannelPortal), "Perfecto")
		f.clk.Advance(DefaultDigestDelay)
		if n := runDue(t, d, q, DigestKind); n != 1 {
			t.Fatalf("%d digest jobs after assignment, want 1", n)
		}
		team = outbox(t, d, "inbox.email.to_team_reply")
		last := team[len(team)-1]
		if len(team) != 3 || last["to"] != "cm@acme.test" || !strings.Contains(last["body"], "Perfecto") || strings.Contains(last["body"], "Y otra cosa") {
			t.Errorf("assignee digest: %+v", last)
		}
	})
}

// Without an inbound domain the emails carry no reply address and say to
// answer in Roster.
func TestDigestWithoutInboundDomain(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.deps.Config.InboundDomain = ""
		q := f.queue()
		th := f.ask(t, "Hi", "Question")
		f.post(t, th, TeamAuthor(f.cm, ChannelWeb), "Answer")
		f.clk.Advance(DefaultDigestDelay)
		runDue(t, d, q, DigestKind)
		got := outbox(t, d, "inbox.email.to_creator")
		if len(got) != 1 || got[0]["reply_to"] != "" || !strings.Contains(got[0]["body"], "%2Fportal%2Fmessages%2F") {
			t.Errorf("creator email without inbound domain: %+v", got)
		}
	})
}
