package tickets

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/mail"
)

var pngHeader = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

// fixture is a brand with a community manager (Spanish) and an account
// manager, and a second brand.
type fixture struct {
	d           *db.DB
	svc         *Service
	now         time.Time
	brand       *brand.Brand
	other       *brand.Brand
	cm, am      *auth.Principal
	otherAM     *auth.Principal
	cmUser, amU *auth.User
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	ctx := context.Background()
	f := &fixture{d: d, now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	f.svc = &Service{DB: d, Now: func() time.Time { return f.now }, Link: func(p string) string { return "https://roster.test" + p }}
	var err error
	if f.brand, err = brand.Create(ctx, d, "Acme", "acme", f.now); err != nil {
		t.Fatal(err)
	}
	if f.other, err = brand.Create(ctx, d, "Other", "other", f.now); err != nil {
		t.Fatal(err)
	}
	user := func(email, locale string, b *brand.Brand, role auth.Role) (*auth.User, *auth.Principal) {
		u, err := auth.CreateUser(ctx, d, email, strings.Split(email, "@")[0], "x", locale, false, f.now)
		if err != nil {
			t.Fatal(err)
		}
		if err := brand.SetMember(ctx, d, b.ID, u.ID, role, f.now); err != nil {
			t.Fatal(err)
		}
		return u, auth.NewPrincipal(auth.Principal{User: u, BrandID: b.ID, BrandName: b.Name, Role: role}, auth.PermissionsOf(role))
	}
	f.cmUser, f.cm = user("carla@acme.test", "es", f.brand, auth.CommunityManager)
	f.amU, f.am = user("arturo@staff.test", "en", f.brand, auth.AccountManager)
	_, f.otherAM = user("olga@staff.test", "en", f.other, auth.AccountManager)
	return f
}

func (f *fixture) open(t *testing.T, subject string) *Ticket {
	t.Helper()
	tk, err := f.svc.Open(context.Background(), f.cm, NewTicket{Subject: subject, Description: "It breaks.", Priority: "high"})
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

func fieldsOf(err error) map[string]string {
	out := map[string]string{}
	if e, ok := apperr.As(err); ok {
		for _, fe := range e.Fields {
			out[fe.Field] = fe.Message
		}
	}
	return out
}

func TestAttachmentsAreCheckedBySizeAndSniffedType(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		big := append(append([]byte{}, pngHeader...), bytes.Repeat([]byte{0}, MaxAttachmentBytes)...)
		_, err := f.svc.Open(ctx, f.cm, NewTicket{Subject: "Export fails", Description: "See files", Priority: "normal", Attachments: []Upload{
			{Filename: "ok.png", Data: pngHeader},
			{Filename: "huge.png", Data: big},
			{Filename: "page.png", Data: []byte("<!DOCTYPE html><html><script>alert(1)</script></html>")},
			{Filename: "tool.pdf", Data: []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff")},
			{Filename: "empty.txt", Data: nil},
		}})
		got := fieldsOf(err)
		if apperr.CodeOf(err) != apperr.Invalid || len(got) != 4 {
			t.Fatalf("errors %v (%v), want four by the files", got, err)
		}
		for field, want := range map[string]string{
			"attachments.1": "huge.png is larger than 5 MB.",
			"attachments.2": "page.png is not an image",
			"attachments.3": "tool.pdf is not an image",
			"attachments.4": "empty.txt is empty.",
		} {
			if !strings.HasPrefix(got[field], want) {
				t.Errorf("%s: %q, want %q…", field, got[field], want)
			}
		}
		if n, _ := List(ctx, d, f.brand.ID, Filter{}, 0, 10); len(n) != 0 {
			t.Errorf("a refused ticket was stored: %+v", n)
		}

		var eleven []Upload
		for i := 0; i < MaxAttachments+1; i++ {
			eleven = append(eleven, Upload{Filename: fmt.Sprintf("f%d.txt", i), Data: []byte("log line")})
		}
		_, err = f.svc.Open(ctx, f.cm, NewTicket{Subject: "Many", Description: "files", Priority: "low", Attachments: eleven})
		if got := fieldsOf(err)["attachments"]; got != "A ticket holds at most 10 attachments." {
			t.Errorf("eleven files: %q", got)
		}

		tk, err := f.svc.Open(ctx, f.cm, NewTicket{Subject: "Export fails", Description: "See files", Priority: "normal", Attachments: []Upload{
			{Filename: "shot.png", Data: pngHeader}, {Filename: `C:\exports\list "final".csv`, Data: []byte("handle,followers\nana,10\n")},
			{Filename: "notes.txt", Data: []byte("plain words")}, {Filename: "spec.pdf", Data: []byte("%PDF-1.7\n%\xe2\xe3\n")},
		}})
		if err != nil {
			t.Fatal(err)
		}
		th, err := GetThread(ctx, d, f.brand.ID, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		var types []string
		for _, a := range th.Attachments {
			types = append(types, a.Filename+"="+a.ContentType)
		}
		want := []string{"shot.png=image/png", "exports\\list final.csv=text/csv; charset=utf-8", "notes.txt=text/plain; charset=utf-8", "spec.pdf=application/pdf"}
		want[1] = "list final.csv=text/csv; charset=utf-8"
		if strings.Join(types, " | ") != strings.Join(want, " | ") {
			t.Errorf("stored %v, want %v", types, want)
		}
		a, err := GetAttachment(ctx, d, f.brand.ID, th.Attachments[0].ID)
		if err != nil || !bytes.Equal(a.Data, pngHeader) {
			t.Errorf("attachment bytes %q, %v", a.Data, err)
		}
		if _, err := GetAttachment(ctx, d, f.other.ID, th.Attachments[0].ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("another brand read the attachment: %v", err)
		}
		// Seven more would pass the limit of ten for the ticket.
		_, err = f.svc.Reply(ctx, f.cm, tk.ID, ReplyInput{Body: "more", Attachments: eleven[:7]})
		if got := fieldsOf(err)["attachments"]; got == "" {
			t.Errorf("a reply took the ticket past ten attachments: %v", err)
		}
	})
}

func TestStatusMovesAndEmails(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		opened := f.now
		tk := f.open(t, "Import stuck")
		if tk.Status != "new" || tk.AssigneeID != nil {
			t.Fatalf("new ticket: %+v", tk)
		}
		if _, err := Get(ctx, d, f.other.ID, tk.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("another brand's Get: %v", err)
		}
		if _, err := f.svc.Reply(ctx, f.otherAM, tk.ID, ReplyInput{Body: "hijack"}); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("another brand's account manager replied: %v", err)
		}
		// More detail from the customer before anyone answered: still new.
		f.now = f.now.Add(10 * time.Minute)
		if _, err := f.svc.Reply(ctx, f.cm, tk.ID, ReplyInput{Body: "Also the CSV is 2 MB."}); err != nil {
			t.Fatal(err)
		}
		step := func(want string) *Ticket {
			t.Helper()
			got, err := Get(ctx, d, f.brand.ID, tk.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != want {
				t.Errorf("status %s, want %s", got.Status, want)
			}
			return got
		}
		step("new")
		f.now = f.now.Add(50 * time.Minute)
		if _, err := f.svc.Reply(ctx, f.am, tk.ID, ReplyInput{Body: "Looking: which file?"}); err != nil {
			t.Fatal(err)
		}
		got := step("waiting")
		if got.FirstResponseAt == nil || got.FirstResponseAt.Sub(opened) != time.Hour {
			t.Errorf("first response at %v, want an hour after opening", got.FirstResponseAt)
		}
		if got.AssigneeID == nil || *got.AssigneeID != f.amU.ID {
			t.Errorf("assignee %v, want the account manager who answered", got.AssigneeID)
		}
		f.now = f.now.Add(time.Hour)
		if _, err := f.svc.Reply(ctx, f.cm, tk.ID, ReplyInput{Body: "creators.csv"}); err != nil {
			t.Fatal(err)
		}
		step("open")
		if _, err := f.svc.Reply(ctx, f.am, tk.ID, ReplyInput{Body: "Second answer."}); err != nil {
			t.Fatal(err)
		}
		if got := step("waiting"); got.FirstResponseAt.Sub(opened) != time.Hour {
			t.Errorf("a later answer moved the first response to %v", got.FirstResponseAt)
		}
		// The customer may not put it in waiting, but may resolve it.
		if err := f.svc.SetStatus(ctx, f.cm, tk.ID, "waiting"); fieldsOf(err)["status"] == "" {
			t.Errorf("customer set waiting: %v", err)
		}
		f.now = f.now.Add(time.Hour)
		if err := f.svc.SetStatus(ctx, f.cm, tk.ID, "resolved"); err != nil {
			t.Fatal(err)
		}
		if got := step("resolved"); got.ResolvedAt == nil || !got.ResolvedAt.Equal(f.now) {
			t.Errorf("resolved at %v, want %v", got.ResolvedAt, f.now)
		}
		// A customer reply reopens it and forgets the resolution.
		if _, err := f.svc.Reply(ctx, f.cm, tk.ID, ReplyInput{Body: "It came back."}); err != nil {
			t.Fatal(err)
		}
		if got := step("open"); got.ResolvedAt != nil {
			t.Errorf("reopened ticket keeps resolved_at %v", got.ResolvedAt)
		}
		f.now = f.now.Add(time.Hour)
		if _, err := f.svc.Reply(ctx, f.am, tk.ID, ReplyInput{Body: "Fixed for good.", Status: "closed"}); err != nil {
			t.Fatal(err)
		}
		if got := step("closed"); got.ResolvedAt == nil || !got.ResolvedAt.Equal(f.now) {
			t.Errorf("closed at %v, want resolved_at %v", got.ResolvedAt, f.now)
		}
		if _, err := f.svc.Reply(ctx, f.cm, tk.ID, ReplyInput{Body: "one more"}); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("customer reply on a closed ticket: %v, want conflict", err)
		}
		if err := f.svc.SetStatus(ctx, f.cm, tk.ID, "open"); fieldsOf(err)["status"] == "" {
			t.Errorf("customer reopened a closed ticket: %v", err)
		}
		if err := f.svc.Assign(ctx, f.am, tk.ID, f.cmUser.ID); fieldsOf(err)["assignee_id"] == "" {
			t.Errorf("assigned to a community manager: %v", err)
		}

		// Emails: the opening and each customer reply to the account
		// manager in English; each team answer to the opener in Spanish.
		ms, err := mail.List(ctx, d, f.brand.ID, 100, 0)
		if err != nil {
			t.Fatal(err)
		}
		sort.Slice(ms, func(i, j int) bool { return ms[i].ID < ms[j].ID })
		var seen []string
		for _, m := range ms {
			seen = append(seen, m.To+" "+m.Locale+" "+m.Kind)
		}
		want := []string{
			"arturo@staff.test en tickets.email.opened",
			"arturo@staff.test en tickets.email.customer_reply",
			"carla@acme.test es tickets.email.team_reply",
			"arturo@staff.test en tickets.email.customer_reply",
			"carla@acme.test es tickets.email.team_reply",
			"arturo@staff.test en tickets.email.customer_reply",
			"carla@acme.test es tickets.email.team_reply",
		}
		if strings.Join(seen, "\n") != strings.Join(want, "\n") {
			t.Errorf("emails:\n%s\nwant:\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
		}
		if len(ms) > 2 && (!strings.Contains(ms[2].Subject, "Tu equipo de cuenta") || !strings.Contains(ms[2].Body, "https://roster.test/tickets/"+fmt.Sprint(tk.ID))) {
			t.Errorf("Spanish answer email: %q\n%s", ms[2].Subject, ms[2].Body)
		}
	})
}

func TestMediansPerMonthAndAccountManager(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		second, err := auth.CreateUser(ctx, d, "bea@staff.test", "bea", "x", "en", false, f.now)
		if err != nil {
			t.Fatal(err)
		}
		if err := brand.SetMember(ctx, d, f.brand.ID, second.ID, auth.AccountManager, f.now); err != nil {
			t.Fatal(err)
		}
		bea := auth.NewPrincipal(auth.Principal{User: second, BrandID: f.brand.ID, Role: auth.AccountManager}, auth.PermissionsOf(auth.AccountManager))
		// Each case: when it opens, who answers after how long, and how
		// long until resolved (0: never).
		type tc struct {
			opens    time.Time
			who      *auth.Principal
			answer   time.Duration
			resolved time.Duration
		}
		cases := []tc{
			{time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), f.am, 30 * time.Minute, 5 * time.Hour},
			{time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC), f.am, 2 * time.Hour, 26 * time.Hour},
			{time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC), bea, 45 * time.Minute, 0},
			{time.Date(2026, 3, 12, 9, 0, 0, 0, time.UTC), f.am, 4 * time.Hour, 50 * time.Hour},
			{time.Date(2026, 3, 31, 23, 0, 0, 0, time.UTC), bea, 3 * time.Hour, 8 * time.Hour},
			{time.Date(2026, 4, 1, 0, 30, 0, 0, time.UTC), f.am, 10 * time.Minute, time.Hour},
			{time.Date(2026, 4, 2, 0, 30, 0, 0, time.UTC), nil, 0, 0},
		}
		for i, c := range cases {
			f.now = c.opens
			tk := f.open(t, fmt.Sprint("case ", i))
			if c.who != nil {
				f.now = c.opens.Add(c.answer)
				if _, err := f.svc.Reply(ctx, c.who, tk.ID, ReplyInput{Body: "answer"}); err != nil {
					t.Fatal(err)
				}
			}
			if c.resolved != 0 {
				f.now = c.opens.Add(c.resolved)
				if err := f.svc.SetStatus(ctx, c.who, tk.ID, "resolved"); err != nil {
					t.Fatal(err)
				}
			}
		}
		// The expected medians, computed from the cases by hand-rolled
		// sorting rather than through Median.
		median := func(ds []time.Duration) string {
			if len(ds) == 0 {
				return "none"
			}
			sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
			n := len(ds)
			if n%2 == 1 {
				return ds[n/2].String()
			}
			return ((ds[n/2-1] + ds[n/2]) / 2).String()
		}
		type key struct{ month, who string }
		resp, res, count := map[key][]time.Duration{}, map[key][]time.Duration{}, map[key]int{}
		for _, c := range cases {
			who := ""
			if c.who != nil {
				who = c.who.User.Name
			}
			for _, k := range []key{{c.opens.Format("2006-01"), ""}, {c.opens.Format("2006-01"), "by " + who}} {
				count[k]++
				if c.who != nil {
					resp[k] = append(resp[k], c.answer)
				}
				if c.resolved != 0 {
					res[k] = append(res[k], c.resolved)
				}
			}
		}
		show := func(d *time.Duration) string {
			if d == nil {
				return "none"
			}
			return d.String()
		}
		m, err := BrandMetrics(ctx, d, f.brand.ID, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		got := map[key]string{}
		for _, s := range m.Months {
			got[key{s.Month, ""}] = fmt.Sprint(s.Opened, " ", show(s.MedianFirstResponse), " ", show(s.MedianResolution))
		}
		for _, s := range m.ByAssignee {
			got[key{s.Month, "by " + s.AssigneeLabel}] = fmt.Sprint(s.Opened, " ", show(s.MedianFirstResponse), " ", show(s.MedianResolution))
		}
		if len(got) != len(count) {
			t.Errorf("%d groups, want %d: %v", len(got), len(count), got)
		}
		for k, n := range count {
			want := fmt.Sprint(n, " ", median(resp[k]), " ", median(res[k]))
			if got[k] != want {
				t.Errorf("%v: %q, want %q", k, got[k], want)
			}
		}
		if m.Months[0].Month != "2026-04" || m.Months[1].Month != "2026-03" {
			t.Errorf("months not newest first: %+v", m.Months)
		}
		other, err := BrandMetrics(ctx, d, f.other.ID, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
		if err != nil || len(other.Months) != 0 {
			t.Errorf("another brand's metrics: %+v %v", other, err)
		}
	})
}
