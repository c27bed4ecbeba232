package applications

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/notify"
)

// Submission is what an applicant posted, already read from the form.
type Submission struct {
	Name, Email, Country string
	Languages            []string
	Accounts             []creator.SocialAccountInput
	Answers              map[string]Answer
	Locale               string
	IP                   string
	Honeypot             string // a field people never see; bots fill it
}

// Outcome says what became of a submission.
type Outcome struct {
	Application *Application // the new one, or the earlier one for a duplicate
	Duplicate   bool
	Spam        bool // caught by the honeypot: nothing stored, answered as if accepted
}

// Limits on submissions: attempts per hour per address and per email, and
// how long an earlier application makes a new one a duplicate.
const (
	MaxAttemptsPerIP    = 30
	MaxAttemptsPerEmail = 5
	attemptWindow       = time.Hour
	duplicateWindow     = 30 * 24 * time.Hour
)

// Submit validates an application and stores it: it creates or links the
// creator, scores it and queues the confirmation email, in the
// applicant's language.
func (s *Service) Submit(ctx context.Context, b *brand.Brand, cfg Config, sub Submission) (*Outcome, error) {
	now := s.Now().UTC()
	if sub.Honeypot != "" {
		return &Outcome{Spam: true}, nil
	}
	f, errs := validateSubmission(cfg, &sub)
	if err := s.rateLimit(ctx, b.ID, sub, now); err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	accounts := make([]Account, len(f.SocialAccounts))
	for i, a := range f.SocialAccounts {
		accounts[i] = Account{Platform: a.Platform, Handle: a.Handle, Followers: a.Followers, EngagementRate: a.EngagementRate}
	}
	print := fingerprint(b.ID, f, sub.Answers)
	if earlier, err := findDuplicate(ctx, s.DB, b.ID, f.Email, accounts, print, now.Add(-duplicateWindow)); err != nil || earlier != nil {
		return &Outcome{Application: earlier, Duplicate: earlier != nil}, err
	}
	c, recorded, err := s.linkCreator(ctx, b.ID, f)
	if err != nil {
		return nil, err
	}
	medians, err := LoadMedians(ctx, s.DB, b.ID)
	if err != nil {
		return nil, err
	}
	a := &Application{BrandID: b.ID, CreatorID: &c.ID, Status: StatusSubmitted, Name: f.DisplayName, Email: f.Email,
		Country: f.Country, Languages: f.Languages, Accounts: accounts, Answers: sub.Answers, Locale: sub.Locale,
		SubmittedAt: now.Truncate(time.Millisecond)}
	a.AutoScore, a.AutoReasons = AutoScore(cfg, Applicant{Country: a.Country, Languages: a.Languages, Accounts: accounts, Recorded: recorded}, medians)
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if err := insert(ctx, tx, a, recorded, print); err != nil {
			return err
		}
		changes := audit.Created(map[string]any{"name": a.Name, "email": a.Email, "creator_id": c.ID, "auto_score": a.AutoScore, "locale": a.Locale})
		if err := audit.Record(ctx, tx, nil, b.ID, "submit", "application", strconv.FormatInt(a.ID, 10), changes, now); err != nil {
			return err
		}
		return notify.Send(ctx, tx, notify.Email{BrandID: b.ID, To: a.Email, Locale: a.Locale, Key: "applications.email.received",
			Args: []any{"name", a.Name, "brand", b.Name}})
	})
	if err != nil {
		return nil, err
	}
	s.Wake()
	return &Outcome{Application: a}, nil
}

// validateSubmission checks the applicant's fields through the creator
// rules (so names, emails, countries and handles mean the same
// everywhere) and the answers against the questions.
func validateSubmission(cfg Config, sub *Submission) (creator.Fields, apperr.Fields) {
	f := creator.Fields{DisplayName: sub.Name, Email: sub.Email, Country: sub.Country, Languages: sub.Languages,
		Stage: "applied", SocialAccounts: sub.Accounts}
	errs := creator.Validate(&f)
	if f.Email == "" && !errs.Has("email") {
		errs.Add("email", "validation.required", "This field is required.")
	}
	if len(f.SocialAccounts) == 0 {
		errs.Add("social_accounts", "applications.validation.account_required", "Add at least one social account.")
	}
	sub.Answers = checkAnswers(cfg, sub.Answers, &errs)
	return f, errs
}

// rateLimit counts this attempt and refuses it when the address or the
// email has made too many within the window. Attempts are kept in the
// database so every node sees them. The attempt is stored first and then
// counted with the others, so attempts sent at once see each other and
// can't all pass; a refused one is removed again.
func (s *Service) rateLimit(ctx context.Context, brandID int64, sub Submission, now time.Time) error {
	since := now.Add(-attemptWindow).UnixMilli()
	email := normEmail(sub.Email)
	// Attempts matter only within the window; older ones go rather than
	// pile up (anyone can add them).
	if _, err := s.DB.ExecContext(ctx, `DELETE FROM application_attempts WHERE at <= ?`, since); err != nil {
		return err
	}
	var id int64
	if err := s.DB.QueryRowContext(ctx, `INSERT INTO application_attempts (brand_id, ip, email, at) VALUES (?, ?, ?, ?) RETURNING id`,
		brandID, sub.IP, email, now.UnixMilli()).Scan(&id); err != nil {
		return err
	}
	var byIP, byEmail int
	err := s.DB.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM application_attempts WHERE ip = ? AND at > ?),
		(SELECT COUNT(*) FROM application_attempts WHERE email = ? AND at > ?)`, sub.IP, since, email, since).Scan(&byIP, &byEmail)
	if err != nil {
		return err
	}
	if byIP <= MaxAttemptsPerIP && (sub.Email == "" || byEmail <= MaxAttemptsPerEmail) {
		return nil
	}
	if _, err := s.DB.ExecContext(ctx, `DELETE FROM application_attempts WHERE id = ?`, id); err != nil {
		return err
	}
	return apperr.New(apperr.RateLimited, "Too many applications from here; try again in an hour.")
}

// fingerprint identifies the content of an application, so an identical
// re-post is recognised whenever it comes.
func fingerprint(brandID int64, f creator.Fields, answers map[string]Answer) string {
	body, _ := json.Marshal([]any{brandID, f.DisplayName, f.Email, f.Country, f.Languages, f.SocialAccounts, answers})
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// findDuplicate returns an earlier application of the brand with the same
// email or one of the same handles since a time, or with identical
// content at any time.
func findDuplicate(ctx context.Context, q db.Querier, brandID int64, email string, accounts []Account, print string, since time.Time) (*Application, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM applications WHERE brand_id = ? AND ((email = ? AND submitted_at > ?) OR fingerprint = ?)
		ORDER BY id LIMIT 1`, brandID, email, since.UnixMilli(), print).Scan(&id)
	for i := 0; db.IsNoRows(err) && i < len(accounts); i++ {
		err = q.QueryRowContext(ctx, `SELECT application_id FROM application_accounts WHERE brand_id = ? AND platform = ? AND handle = ?
			AND submitted_at > ? ORDER BY id LIMIT 1`, brandID, accounts[i].Platform, accounts[i].Handle, since.UnixMilli()).Scan(&id)
	}
	if db.IsNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return Get(ctx, q, brandID, id)
}
