package app_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/http"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/jobs"
	rmail "github.com/rosterhq/roster/internal/mail"
)

var (
	ticketLinkRE  = regexp.MustCompile(`^/tickets/(\d+)$`)
	attachmentRE  = regexp.MustCompile(`href="(/tickets/attachments/\d+)"`)
	pngBytes      = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
	htmlAsPNG     = []byte("<html><body><script>alert(document.cookie)</script></body></html>")
	ticketFileMsg = "page.png is not an image, PDF, plain text or CSV file"
)

type part struct {
	name, filename string
	data           []byte
}

// postMultipart posts a form with files, as a browser does.
func postMultipart(c *apptest.Client, path string, parts ...part) *apptest.Response {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		if p.filename == "" {
			_ = mw.WriteField(p.name, string(p.data))
			continue
		}
		w, _ := mw.CreateFormFile(p.name, p.filename)
		_, _ = w.Write(p.data)
	}
	_ = mw.Close()
	return c.Do("POST", path, &buf, http.Header{"Content-Type": {mw.FormDataContentType()}})
}

func field(name, value string) part { return part{name: name, data: []byte(value)} }

func TestTicketPagesAttachmentsAndStatus(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Acme")
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		am := env.SignIn(w.Users[auth.AccountManager].Email)

		// A file that sniffs as HTML is refused by the field, whatever
		// its name; the good one is not stored either.
		res := postMultipart(cm, "/tickets", field("subject", "Export button does nothing"), field("priority", "urgent"),
			field("description", "Clicking Export shows nothing."),
			part{"attachments", "shot.png", pngBytes}, part{"attachments", "page.png", htmlAsPNG})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="attachments-error">`+ticketFileMsg) {
			t.Fatalf("bad attachment: %d, want 422 with the message by the field\n%s", res.Status, res.Body)
		}
		if !strings.Contains(res.Body, `value="Export button does nothing"`) {
			t.Errorf("the form lost the subject")
		}
		big := append(append([]byte{}, pngBytes...), bytes.Repeat([]byte("x"), 5<<20)...)
		res = postMultipart(cm, "/tickets", field("subject", "Big"), field("priority", "low"), field("description", "x"),
			part{"attachments", "big.png", big})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "big.png is larger than 5 MB.") {
			t.Fatalf("big attachment: %d", res.Status)
		}
		res = postMultipart(cm, "/tickets", field("subject", ""), field("priority", "extreme"), field("description", ""))
		for _, want := range []string{`id="subject-error">This field is required.`, `id="priority-error">Choose low, normal, high or urgent.`, `id="description-error">This field is required.`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("empty form: no %q (status %d)", want, res.Status)
			}
		}

		res = postMultipart(cm, "/tickets", field("subject", "Export button does nothing"), field("priority", "urgent"),
			field("description", "Clicking Export shows nothing."), part{"attachments", "shot.png", pngBytes},
			part{"attachments", "creators.csv", []byte("handle,followers\nana,100\n")})
		m := ticketLinkRE.FindStringSubmatch(res.Header.Get("Location"))
		if res.Status != http.StatusSeeOther || m == nil {
			t.Fatalf("open: %d %s", res.Status, res.Header.Get("Location"))
		}
		page := cm.Get(m[0])
		if !strings.Contains(page.Body, "Export button does nothing") || !strings.Contains(page.Body, "New") || !strings.Contains(page.Body, "creators.csv") {
			t.Fatalf("ticket page:\n%s", page.Body)
		}
		links := attachmentRE.FindAllStringSubmatch(page.Body, -1)
		if len(links) != 2 {
			t.Fatalf("attachment links %v", links)
		}
		dl := cm.Get(links[0][1])
		if dl.Status != 200 || dl.Body != string(pngBytes) || dl.Header.Get("Content-Type") != "image/png" ||
			dl.Header.Get("Content-Disposition") != `attachment; filename=shot.png` || dl.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("download: %d %v", dl.Status, dl.Header)
		}
		if dl := cm.Get(links[1][1]); dl.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
			t.Errorf("csv download type %q", dl.Header.Get("Content-Type"))
		}

		// The account manager answers: waiting on the customer.
		res = postMultipart(am, m[0]+"/replies", field("body", "Which browser?"), field("status", ""))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("team reply: %d %s", res.Status, res.Body)
		}
		if page := cm.Get(m[0]); !strings.Contains(page.Body, `id="ticket-status">Waiting on customer<`) {
			t.Errorf("after the team's answer the status is not waiting")
		}
		res = cm.PostForm(m[0]+"/replies", url.Values{"body": {"Firefox 140."}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("customer reply: %d", res.Status)
		}
		if page := am.Get(m[0]); !strings.Contains(page.Body, `id="ticket-status">Open<`) {
			t.Errorf("after the customer's answer the status is not open")
		}
		// The customer may not set waiting; 422 with the message.
		if res := cm.PostForm(m[0]+"/status", url.Values{"status": {"waiting"}}); res.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(res.Body, "This ticket cannot be moved to that status") {
			t.Errorf("customer sets waiting: %d", res.Status)
		}
		if res := cm.PostForm(m[0]+"/status", url.Values{"status": {"resolved"}}); res.Status != http.StatusSeeOther {
			t.Errorf("customer resolves: %d", res.Status)
		}
		list := cm.Get("/tickets?status=resolved&priority=urgent")
		if !strings.Contains(list.Body, "Export button does nothing") {
			t.Errorf("filtered list misses the ticket")
		}
		if list := cm.Get("/tickets?status=open"); strings.Contains(list.Body, "Export button does nothing") {
			t.Errorf("status filter shows a resolved ticket as open")
		}
		if page := cm.Get("/tickets/metrics"); page.Status != 200 || !strings.Contains(page.Body, "<td>March 2026</td>") {
			t.Errorf("metrics page: %d", page.Status)
		}
		if page := cm.Do("GET", "/tickets/metrics", nil, http.Header{"Accept-Language": {"ja"}}); !strings.Contains(page.Body, "<td>2026年3月</td>") {
			t.Errorf("Japanese metrics page does not name the month 2026年3月")
		}

		// The API sees the same thread, and validates against OpenAPI.
		api := env.API(w.Token, "GET", "/api/v1"+m[0], "")
		if api.Status != 200 || !strings.Contains(api.Body, `"status":"resolved"`) || !strings.Contains(api.Body, `"from_account_team":true`) {
			t.Errorf("API thread: %d %s", api.Status, api.Body)
		}
		cmToken := env.Token(w.Brand.ID, auth.TicketsOpen)
		api = env.API(cmToken, "POST", "/api/v1/tickets", `{"subject":"From the API","description":"Hello","priority":"low"}`)
		if api.Status != http.StatusCreated || !strings.Contains(api.Body, `"status":"new"`) {
			t.Fatalf("API open: %d %s", api.Status, api.Body)
		}
		api = env.API(cmToken, "POST", "/api/v1/tickets", `{"subject":"","description":"Hello","priority":"extreme"}`)
		if api.Status != http.StatusUnprocessableEntity || !strings.Contains(api.Body, `"field":"priority"`) || !strings.Contains(api.Body, `"field":"subject"`) {
			t.Errorf("API invalid open: %d %s", api.Status, api.Body)
		}
		api = env.API(cmToken, "GET", "/api/v1/tickets?status=new", "")
		if api.Status != 200 || !strings.Contains(api.Body, "From the API") || strings.Contains(api.Body, "Export button") {
			t.Errorf("API list: %d %s", api.Status, api.Body)
		}
	})
}

func TestTicketQueueShowsOnlyBrandsWhereTheUserIsAccountManager(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		ctx := context.Background()
		a, b, c := env.NewWorld("Alpha"), env.NewWorld("Bravo"), env.NewWorld("Charlie")
		staff := env.User("staff@platform.test", a.Brand.ID, auth.AccountManager)
		env.User("staff@platform.test", b.Brand.ID, auth.AccountManager)
		env.User("staff@platform.test", c.Brand.ID, auth.CommunityManager)
		ids := map[string]int64{}
		for _, w := range []*apptest.World{a, b, c} {
			res := env.SignIn(w.Users[auth.BrandExecutive].Email).PostForm("/tickets",
				url.Values{"subject": {"Question from " + w.Brand.Name}, "description": {"Help"}, "priority": {"normal"}})
			m := ticketLinkRE.FindStringSubmatch(res.Header.Get("Location"))
			if m == nil {
				t.Fatalf("open in %s: %d %s", w.Brand.Name, res.Status, res.Body)
			}
			var id int64
			fmt.Sscan(m[1], &id)
			ids[w.Brand.Name] = id
		}
		s := env.SignIn(staff.Email)
		if err := auth.SetSessionBrand(ctx, d, sessionID(t, env, sessionOf(t, env, s)), a.Brand.ID); err != nil {
			t.Fatal(err)
		}
		q := s.Get("/tickets/queue")
		if q.Status != 200 {
			t.Fatalf("queue: %d", q.Status)
		}
		for name, want := range map[string]bool{"Alpha": true, "Bravo": true, "Charlie": false} {
			if got := strings.Contains(q.Body, "Question from "+name); got != want {
				t.Errorf("queue shows %s's ticket: %v, want %v", name, got, want)
			}
		}
		// A platform admin's queue holds every brand.
		env.User("root@platform.test", 0, auth.PlatformAdmin)
		if q := env.SignIn("root@platform.test").Get("/tickets/queue"); !strings.Contains(q.Body, "Question from Charlie") || !strings.Contains(q.Body, "Question from Alpha") {
			t.Errorf("platform admin's queue misses brands")
		}
		// Opening Bravo's ticket from the queue switches to Bravo.
		res := s.PostForm(fmt.Sprintf("/tickets/queue/%d/open", ids["Bravo"]), url.Values{"brand_id": {fmt.Sprint(b.Brand.ID)}})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != fmt.Sprintf("/tickets/%d", ids["Bravo"]) {
			t.Fatalf("open from queue: %d %s", res.Status, res.Header.Get("Location"))
		}
		if page := s.Get(fmt.Sprintf("/tickets/%d", ids["Bravo"])); page.Status != 200 || !strings.Contains(page.Body, "Question from Bravo") {
			t.Errorf("Bravo's ticket after the switch: %d", page.Status)
		}
		// Charlie, where staff is only a community manager, and a ticket
		// id that is not the brand's, are not found.
		for _, tc := range []struct {
			ticket int64
			brand  int64
		}{{ids["Charlie"], c.Brand.ID}, {ids["Alpha"], b.Brand.ID}, {ids["Charlie"], b.Brand.ID}} {
			res := s.PostForm(fmt.Sprintf("/tickets/queue/%d/open", tc.ticket), url.Values{"brand_id": {fmt.Sprint(tc.brand)}})
			if res.Status != http.StatusNotFound {
				t.Errorf("open ticket %d in brand %d: %d, want 404", tc.ticket, tc.brand, res.Status)
			}
		}
		if role, _ := brand.RoleOf(ctx, d, c.Brand.ID, staff.ID); role != auth.CommunityManager {
			t.Errorf("fixture: staff in Charlie is %s", role)
		}
	})
}

// TestTicketEmailsReachSMTP: a community manager opens a ticket, the
// account manager is told through a real SMTP server, answers, and the
// community manager's answer email (in Spanish) arrives too.
func TestTicketEmailsReachSMTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		sink := startSMTPSink(t)
		sender, err := rmail.NewSMTPSender("smtp://"+sink.addr, "Roster <roster@test>")
		if err != nil {
			t.Fatal(err)
		}
		queue := jobs.New(d, slog.New(slog.DiscardHandler), jobs.Config{})
		rmail.RegisterDelivery(queue, d, sender)
		env := apptest.New(t, d)
		b := env.Brand("Acme")
		cmUser := env.User("carla@acme.test", b.ID, auth.CommunityManager)
		if _, err := d.ExecContext(ctx, `UPDATE users SET locale = 'es' WHERE id = ?`, cmUser.ID); err != nil {
			t.Fatal(err)
		}
		amUser := env.User("arturo@staff.test", b.ID, auth.AccountManager)
		cm, am := env.SignIn(cmUser.Email), env.SignIn(amUser.Email)

		deliver := func(want int) []sunkMail {
			t.Helper()
			deadline := time.Now().Add(time.Minute)
			for len(sink.received()) < want {
				if time.Now().After(deadline) {
					t.Fatalf("the SMTP server has %d messages, want %d", len(sink.received()), want)
				}
				if _, err := queue.Work(ctx); err != nil {
					t.Fatal(err)
				}
			}
			return sink.received()
		}
		res := cm.PostForm("/tickets", url.Values{"subject": {"Import stuck at 40%"}, "description": {"Since this morning."}, "priority": {"high"}})
		m := ticketLinkRE.FindStringSubmatch(res.Header.Get("Location"))
		if m == nil {
			t.Fatalf("open: %d %s", res.Status, res.Body)
		}
		got := deliver(1)
		subject, body := readSunk(t, got[0])
		if got[0].to[0] != amUser.Email || subject != "[Acme] New High ticket #"+m[1]+": Import stuck at 40%" ||
			!strings.Contains(body, "Since this morning.") || !strings.Contains(body, env.Server.URL+"/tickets/queue#ticket-"+m[1]) {
			t.Errorf("account manager's email to %v: %q\n%s", got[0].to, subject, body)
		}
		if res := am.PostForm(m[0]+"/replies", url.Values{"body": {"Restarted the import; try now."}}); res.Status != http.StatusSeeOther {
			t.Fatalf("reply: %d", res.Status)
		}
		got = deliver(2)
		subject, body = readSunk(t, got[1])
		if got[1].to[0] != cmUser.Email || subject != "Tu equipo de cuenta ha respondido al ticket #"+m[1]+": Import stuck at 40%" ||
			!strings.Contains(body, "Restarted the import; try now.") || !strings.Contains(body, env.Server.URL+m[0]) {
			t.Errorf("community manager's email to %v: %q\n%s", got[1].to, subject, body)
		}
		if ran, err := queue.Work(ctx); err != nil || ran {
			t.Errorf("jobs left after both emails: %v %v", ran, err)
		}
		if n := len(sink.received()); n != 2 {
			t.Errorf("the SMTP server has %d messages, want 2", n)
		}
	})
}

func readSunk(t *testing.T, s sunkMail) (string, string) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(s.data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatal(err)
	}
	return subject, string(body)
}
