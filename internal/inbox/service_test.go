package inbox

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

func TestStatusesMoveWithTheConversation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		th := f.ask(t, "  Shipping   date? ", "When does the parcel ship?\r\nThanks")
		if th.Status != Open || th.Subject != "Shipping date?" || th.MessageCount != 1 || th.LastAuthor != ByCreator {
			t.Fatalf("new thread: %+v", th)
		}
		if th.FirstCreatorAt == nil || th.FirstResponse != nil || !th.Unread {
			t.Fatalf("new thread metrics/unread: %+v", th)
		}
		f.clk.Advance(90 * time.Minute)
		f.post(t, th, TeamAuthor(f.cm, ChannelWeb), "Tomorrow.")
		got := f.get(t, f.cm, th.ID)
		if got.Status != Waiting || got.FirstResponse == nil || *got.FirstResponseTime() != 90*time.Minute {
			t.Errorf("after the team's reply: status %s, first response %v", got.Status, got.FirstResponseTime())
		}
		if got.Unread {
			t.Error("the team member who answered still sees the thread unread")
		}
		if other := f.get(t, f.cm2, th.ID); !other.Unread {
			t.Error("another team member should still see the creator's message as unread")
		}
		if _, err := f.svc.SetStatus(ctx, f.cm, th.ID, Closed); err != nil {
			t.Fatal(err)
		}
		f.clk.Advance(time.Hour)
		f.post(t, th, f.creatorAuthor(ChannelEmail), "One more thing")
		got = f.get(t, f.cm, th.ID)
		if got.Status != Open || got.ClosedAt != nil || !got.Unread || got.MessageCount != 3 {
			t.Errorf("a creator message on a closed thread reopens it, unread: %+v", got)
		}
		if *got.FirstResponseTime() != 90*time.Minute {
			t.Errorf("the first response time changed: %v", got.FirstResponseTime())
		}
		f.clk.Advance(time.Hour)
		got, err := f.svc.SetStatus(ctx, f.cm, th.ID, Closed)
		if err != nil || got.ResolutionTime() == nil || *got.ResolutionTime() != 90*time.Minute+2*time.Hour {
			t.Errorf("closed: %v %v", got.ResolutionTime(), err)
		}
		msgs, err := Messages(ctx, d, f.brand.ID, th.ID, 0, 10)
		if err != nil || len(msgs) != 3 || msgs[0].Body != "When does the parcel ship?\nThanks" || msgs[1].Author != ByTeam ||
			msgs[1].AuthorName != "Carla Manager" || msgs[2].Channel != ChannelEmail {
			t.Errorf("messages: %+v %v", msgs, err)
		}
		if _, err := f.svc.SetStatus(ctx, f.cm, th.ID, "snoozed"); !hasField(err, "status") {
			t.Errorf("unknown status: %v", err)
		}
	})
}

func TestStartRefusesWhatIsWrong(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		other := int64(987654)
		_, err := f.svc.Start(ctx, f.brand.ID, TeamAuthor(f.cm, ChannelAPI), NewThread{CreatorID: other, CampaignID: &other,
			Subject: strings.Repeat("x", MaxSubject+1), Body: " \n "})
		for _, field := range []string{"creator_id", "campaign_id", "subject", "body"} {
			if !hasField(err, field) {
				t.Errorf("no error for %s: %v", field, err)
			}
		}
		var n int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM inbox_threads`).Scan(&n); err != nil || n != 0 {
			t.Errorf("threads after a refused start: %d %v", n, err)
		}
	})
}

func TestAssignOnlyToTeamMembersWhoMayAnswer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		th := f.ask(t, "Hello", "Hi")
		viewer := f.member(t, "exec@acme.test", "Exec", "brand_executive")
		id := viewer.UserID()
		if _, err := f.svc.Assign(ctx, f.cm, th.ID, &id); !hasField(err, "assignee_user_id") {
			t.Errorf("assigning a brand executive (no inbox:reply): %v", err)
		}
		me := f.cm.UserID()
		got, err := f.svc.Assign(ctx, f.cm, th.ID, &me)
		if err != nil || got.AssigneeID == nil || *got.AssigneeID != me || got.AssigneeName != "Carla Manager" {
			t.Fatalf("assign to me: %+v %v", got, err)
		}
		if got, err = f.svc.Assign(ctx, f.cm, th.ID, nil); err != nil || got.AssigneeID != nil {
			t.Errorf("unassign: %+v %v", got, err)
		}
		var n int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_events WHERE action = 'thread_assigned' AND entity_id = ?`, itoa(th.ID)).Scan(&n); err != nil || n != 2 {
			t.Errorf("assignments audited: %d %v", n, err)
		}
	})
}

func TestListFiltersAndPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		var ids []int64
		for i := range 7 {
			f.clk.Advance(time.Minute)
			th := f.ask(t, "Question "+string(rune('A'+i)), "body")
			ids = append(ids, th.ID)
		}
		// Replying to the oldest makes it the newest activity.
		f.clk.Advance(time.Minute)
		f.post(t, &Thread{ID: ids[0], BrandID: f.brand.ID}, TeamAuthor(f.cm, ChannelWeb), "Answer")
		me := f.cm.UserID()
		if _, err := f.svc.Assign(ctx, f.cm, ids[1], &me); err != nil {
			t.Fatal(err)
		}
		var seen []int64
		var after Cursor
		for page := 0; ; page++ {
			items, next, err := List(ctx, d, f.brand.ID, Filter{Viewer: me, Limit: 3, After: after})
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range items {
				seen = append(seen, it.ID)
			}
			if next.ID == 0 {
				break
			}
			if page > 5 {
				t.Fatal("paging does not end")
			}
			after = next
		}
		want := []int64{ids[0], ids[6], ids[5], ids[4], ids[3], ids[2], ids[1]}
		if len(seen) != len(want) {
			t.Fatalf("pages gave %v, want %v", seen, want)
		}
		for i := range want {
			if seen[i] != want[i] {
				t.Fatalf("pages gave %v, want %v", seen, want)
			}
		}
		for _, tc := range []struct {
			name string
			f    Filter
			want int
		}{
			{"waiting", Filter{Status: Waiting}, 1},
			{"open", Filter{Status: Open}, 6},
			{"mine", Filter{Assignee: me}, 1},
			{"unassigned", Filter{Unassigned: true}, 6},
			{"unread for me", Filter{Viewer: me, Unread: true}, 6},
			{"unread for someone else", Filter{Viewer: f.cm2.UserID(), Unread: true}, 7},
			{"search subject", Filter{Q: "question c"}, 1},
			{"search creator", Filter{Q: "LUCÍA"}, 7},
			{"search creator lower", Filter{Q: "pérez"}, 7},
			{"search like chars", Filter{Q: "100%_"}, 0},
			{"creator", Filter{CreatorID: f.creator.ID}, 7},
			{"campaign", Filter{CampaignID: 424242}, 0},
		} {
			items, _, err := List(ctx, d, f.brand.ID, tc.f)
			if err != nil || len(items) != tc.want {
				t.Errorf("%s: %d threads (%v), want %d", tc.name, len(items), err, tc.want)
			}
		}
		// A page carries the campaign's and the assignee's names.
		var campaign int64
		if err := d.QueryRowContext(ctx, `INSERT INTO campaigns (brand_id, name, status, created_at, updated_at) VALUES (?, 'Spring shoot', 'active', 0, 0) RETURNING id`,
			f.brand.ID).Scan(&campaign); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(ctx, `UPDATE inbox_threads SET campaign_id = ? WHERE id = ?`, campaign, ids[1]); err != nil {
			t.Fatal(err)
		}
		mine, _, err := List(ctx, d, f.brand.ID, Filter{Assignee: me})
		if err != nil || len(mine) != 1 || mine[0].AssigneeName != "Carla Manager" || mine[0].CampaignName != "Spring shoot" {
			t.Errorf("names on a page: %+v %v", mine, err)
		}
		if byCampaign, _, err := List(ctx, d, f.brand.ID, Filter{CampaignID: campaign}); err != nil || len(byCampaign) != 1 || byCampaign[0].ID != ids[1] {
			t.Errorf("campaign filter: %+v %v", byCampaign, err)
		}
		if n, err := UnreadCount(ctx, d, f.brand.ID, me); err != nil || n != 6 {
			t.Errorf("unread count %d %v", n, err)
		}
		if err := MarkRead(ctx, d, f.brand.ID, ids[2], me, 1<<40); err != nil {
			t.Fatal(err)
		}
		if err := MarkRead(ctx, d, f.brand.ID, ids[2], me, 1); err != nil {
			t.Fatal(err)
		}
		if got := f.get(t, f.cm, ids[2]); got.Unread {
			t.Error("a read mark moved down")
		}
		if err := MarkUnread(ctx, d, f.brand.ID, ids[2], me); err != nil {
			t.Fatal(err)
		}
		if got := f.get(t, f.cm, ids[2]); !got.Unread {
			t.Error("mark unread did not")
		}
	})
}

func TestCursorRoundTrip(t *testing.T) {
	c := Cursor{At: 1700000000000, ID: 42}
	if got, ok := ParseCursor(c.String()); !ok || got != c {
		t.Errorf("round trip: %v %v", got, ok)
	}
	for _, bad := range []string{"x", "1_", "_2", "1_0", "-1_3", "1_2_3"} {
		if _, ok := ParseCursor(bad); ok {
			t.Errorf("ParseCursor(%q) accepted", bad)
		}
	}
}
