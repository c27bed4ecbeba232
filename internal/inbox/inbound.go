package inbox

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/web"
)

// The inbound-mail webhook takes replies to the reply addresses
// reply+<token>@<inbound domain> in the shape Mailgun's inbound routes
// post (a "forward" action to https://<roster>/inbound/email): form fields
// recipient, sender, from, subject, body-plain, stripped-text, and the
// signature fields timestamp, token and signature, where signature is the
// hex HMAC-SHA256 of timestamp+token under the signing key. See
// docs/inbound-email.md.

// MaxInboundSkew is how far a webhook's timestamp may be from now.
const MaxInboundSkew = 5 * time.Minute

// maxInboundBytes bounds a posted message (attachments are not kept).
const maxInboundBytes = 10 << 20

// Reasons an inbound message is refused.
const (
	RejectSignature = "bad_signature"
	RejectStale     = "stale"
	RejectReplay    = "replayed"
	RejectAddress   = "unknown_address"
	RejectSender    = "wrong_sender"
	RejectEmpty     = "empty"
)

// InboundMail is one posted message, as the webhook reads it.
type InboundMail struct {
	Recipient, Sender, From, Subject string
	BodyPlain, Stripped              string
	Timestamp, Token, Signature      string
}

// Sign returns the signature of a timestamp and token under key, as the
// provider computes it (tests and tools sign with it).
func Sign(key, timestamp, token string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(timestamp + token))
	return hex.EncodeToString(m.Sum(nil))
}

func registerInbound(rt *web.Router, d *web.Deps, svc *Service) {
	rt.Page("POST", "/inbound/email", web.Public, "", func(w http.ResponseWriter, r *http.Request) error {
		r.Body = http.MaxBytesReader(w, r.Body, maxInboundBytes)
		if err := r.ParseMultipartForm(1 << 20); err != nil && err != http.ErrNotMultipart {
			return answer(w, http.StatusBadRequest, "unreadable form")
		}
		in := InboundMail{Recipient: r.FormValue("recipient"), Sender: r.FormValue("sender"), From: r.FormValue("from"),
			Subject: r.FormValue("subject"), BodyPlain: r.FormValue("body-plain"), Stripped: r.FormValue("stripped-text"),
			Timestamp: r.FormValue("timestamp"), Token: r.FormValue("token"), Signature: r.FormValue("signature")}
		reason, err := svc.Receive(r.Context(), in)
		if err != nil {
			return err
		}
		switch reason {
		case "":
			return answer(w, http.StatusOK, "accepted")
		case RejectSignature, RejectStale:
			return answer(w, http.StatusUnauthorized, reason)
		case RejectReplay:
			return answer(w, http.StatusConflict, reason)
		}
		// 406 tells the provider not to retry: the address or the sender
		// is wrong, and trying again will not make it right.
		return answer(w, http.StatusNotAcceptable, reason)
	})
}

func answer(w http.ResponseWriter, status int, text string) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, err := w.Write([]byte(text + "\n"))
	return err
}

// Receive checks an inbound message and adds it to its thread. It returns
// the reason it was refused ("" when accepted); refusals after the
// signature checked out are recorded (inbox_inbound_rejects, and the
// brand's audit log when the address was a thread's).
func (s *Service) Receive(ctx context.Context, in InboundMail) (string, error) {
	key := s.d.Config.InboundSigningKey
	if key == "" || in.Token == "" || !hmac.Equal([]byte(Sign(key, in.Timestamp, in.Token)), []byte(strings.ToLower(in.Signature))) {
		return RejectSignature, nil
	}
	now := s.d.Clock()
	sec, err := strconv.ParseInt(in.Timestamp, 10, 64)
	if err != nil || now.Sub(time.Unix(sec, 0)).Abs() > MaxInboundSkew {
		return RejectStale, nil
	}
	var reason string
	err = s.d.DB.InTx(ctx, func(tx *db.Tx) error {
		// The token is used once: inserted with the message, so a replay
		// finds it, and a refused message cannot be replayed either.
		if _, err := tx.ExecContext(ctx, `DELETE FROM inbox_inbound_tokens WHERE received_at < ?`, now.Add(-24*time.Hour).UnixMilli()); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO inbox_inbound_tokens (token, received_at) VALUES (?, ?) ON CONFLICT (token) DO NOTHING`,
			in.Token, now.UnixMilli())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			reason = RejectReplay
			return nil
		}
		reason, err = s.receive(ctx, tx, in, now)
		return err
	})
	if err != nil {
		return "", err
	}
	if reason == "" {
		s.d.WakeJobs()
	}
	return reason, nil
}

func (s *Service) receive(ctx context.Context, tx *db.Tx, in InboundMail, now time.Time) (string, error) {
	token := s.tokenOf(in.Recipient)
	var t *Thread
	if token != "" {
		var err error
		if t, err = ByReplyToken(ctx, tx, token); err != nil && !isNotFound(err) {
			return "", err
		}
	}
	if t == nil {
		return RejectAddress, s.reject(ctx, tx, nil, in, RejectAddress, now)
	}
	sender := addressOf(in.Sender)
	if sender == "" {
		sender = addressOf(in.From)
	}
	a, ok, err := s.inboundAuthor(ctx, tx, t, sender)
	if err != nil {
		return "", err
	}
	if !ok {
		return RejectSender, s.reject(ctx, tx, t, in, RejectSender, now)
	}
	body := strings.TrimSpace(in.Stripped)
	if body == "" {
		body = StripQuoted(in.BodyPlain)
	}
	clean, bad := cleanBody(body)
	if bad != nil {
		return RejectEmpty, s.reject(ctx, tx, t, in, RejectEmpty, now)
	}
	_, err = s.post(ctx, tx, t, a, clean, now)
	return "", err
}

// tokenOf finds the thread token among the recipients: the local part
// reply+<token> at the configured inbound domain.
func (s *Service) tokenOf(recipients string) string {
	domain := strings.ToLower(s.d.Config.InboundDomain)
	for _, r := range strings.Split(recipients, ",") {
		addr := addressOf(r)
		local, host, ok := strings.Cut(addr, "@")
		if !ok || domain == "" || host != domain {
			continue
		}
		if token, ok := strings.CutPrefix(local, "reply+"); ok && token != "" {
			return token
		}
	}
	return ""
}

// addressOf is the lower-case bare address of "Name <a@b>" or "a@b".
func addressOf(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if a, err := mail.ParseAddress(s); err == nil {
		return strings.ToLower(a.Address)
	}
	return strings.ToLower(s)
}

// inboundAuthor says who the sender is on the thread: its creator, or a
// team member of the brand who may answer creators. Anyone else is not
// allowed to write to the thread.
func (s *Service) inboundAuthor(ctx context.Context, tx *db.Tx, t *Thread, sender string) (Author, bool, error) {
	if sender == "" {
		return Author{}, false, nil
	}
	if t.CreatorEmail != "" && sender == strings.ToLower(t.CreatorEmail) {
		return CreatorAuthor(t.CreatorEmail, t.CreatorName, t.BrandID, ChannelEmail), true, nil
	}
	u, _, err := auth.UserByEmail(ctx, tx, sender)
	if isNotFound(err) {
		return Author{}, false, nil
	}
	if err != nil {
		return Author{}, false, err
	}
	role, err := brand.RoleOf(ctx, tx, t.BrandID, u.ID)
	if isNotFound(err) {
		return Author{}, false, nil
	}
	if err != nil {
		return Author{}, false, err
	}
	if !role.Grants(auth.InboxReply) {
		return Author{}, false, nil
	}
	p := auth.NewPrincipal(auth.Principal{User: u, BrandID: t.BrandID, BrandName: t.BrandName, Role: role}, auth.PermissionsOf(role))
	return TeamAuthor(p, ChannelEmail), true, nil
}

// reject records a refused inbound message.
func (s *Service) reject(ctx context.Context, tx *db.Tx, t *Thread, in InboundMail, reason string, now time.Time) error {
	var brandID, threadID any
	if t != nil {
		brandID, threadID = t.BrandID, t.ID
	}
	clip := func(v string, n int) string {
		if len(v) > n {
			v = strings.ToValidUTF8(v[:n], "")
		}
		return strings.ReplaceAll(v, "\x00", "")
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO inbox_inbound_rejects (brand_id, thread_id, sender, recipient, subject, reason, received_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, brandID, threadID, clip(in.Sender, 320), clip(in.Recipient, 1000), clip(in.Subject, 400), reason, now.UnixMilli()); err != nil {
		return err
	}
	if t == nil {
		return nil
	}
	p := auth.NewPrincipal(auth.Principal{TokenName: "inbound-email", BrandID: t.BrandID}, nil)
	return audit.Record(ctx, tx, p, t.BrandID, "inbound_rejected", "thread", itoa(t.ID), map[string]audit.Change{
		"sender": {To: clip(in.Sender, 320)}, "reason": {To: reason}}, now)
}
