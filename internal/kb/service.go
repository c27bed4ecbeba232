package kb

import (
	"context"
	"crypto/sha256"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
)

var english = i18n.For("en")

// Limits on an article's fields.
const (
	maxSlug  = 80
	maxTitle = 160
	maxBody  = 100_000
)

var slugShape = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Service writes articles: only with kb:write, every change kept as a
// revision and audited (platform-wide, no brand) in its transaction.
type Service struct {
	DB  *db.DB
	Now func() time.Time
}

func (s *Service) allowed(p *auth.Principal) error {
	if !p.Can(auth.KBWrite) {
		return apperr.New(apperr.Forbidden, "Only platform admins write knowledge-base articles (it needs %s).", auth.KBWrite)
	}
	return nil
}

func authorOf(p *auth.Principal) authorInfo {
	return authorInfo{userID: p.UserID(), label: p.ActorLabel()}
}

// Create validates d and stores it as a new article (revision 1).
func (s *Service) Create(ctx context.Context, p *auth.Principal, d Draft) (*Article, error) {
	if err := s.allowed(p); err != nil {
		return nil, err
	}
	if err := Validate(&d); err != nil {
		return nil, err
	}
	now := s.Now().UTC()
	var id int64
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if id, err = insert(ctx, tx, d, authorOf(p), now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, 0, "create", "kb_article", strconv.FormatInt(id, 10), audit.Created(flatten(d)), now)
	})
	if err != nil {
		return nil, err
	}
	return Get(ctx, s.DB, id)
}

// Update replaces article id's content with d as a new revision. base is
// the revision the editor started from: when someone saved since, the
// edit is a Conflict rather than silently undoing theirs (0 skips the
// check, for the API and tools).
func (s *Service) Update(ctx context.Context, p *auth.Principal, id int64, base int, d Draft) (*Article, error) {
	if err := s.allowed(p); err != nil {
		return nil, err
	}
	if err := Validate(&d); err != nil {
		return nil, err
	}
	return s.write(ctx, p, id, base, d, "update", 0)
}

// Restore makes revision number of article id its content again, as a
// new revision (so restoring is itself kept and can be undone).
func (s *Service) Restore(ctx context.Context, p *auth.Principal, id int64, number int) (*Article, error) {
	if err := s.allowed(p); err != nil {
		return nil, err
	}
	rev, err := RevisionOf(ctx, s.DB, id, number)
	if err != nil {
		return nil, err
	}
	return s.write(ctx, p, id, 0, rev.Draft, "restore", number)
}

func (s *Service) write(ctx context.Context, p *auth.Principal, id int64, base int, d Draft, action string, from int) (*Article, error) {
	now := s.Now().UTC()
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		old, err := Get(ctx, tx, id)
		if err != nil {
			return err
		}
		if base != 0 && base != old.Revision {
			return staleEdit()
		}
		changes := audit.Diff(flatten(old.Draft()), flatten(d))
		if from != 0 {
			changes["restored_from"] = audit.Change{To: from}
		}
		if _, err := update(ctx, tx, old, d, action, from, authorOf(p), now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, 0, action, "kb_article", strconv.FormatInt(id, 10), changes, now)
	})
	if err != nil {
		return nil, err
	}
	return Get(ctx, s.DB, id)
}

// flatten is d as audit fields. Bodies are long, so a body is recorded
// by its length and a fingerprint of its text (the revision keeps the
// text itself): an edit shows as a change either way.
func flatten(d Draft) map[string]any {
	m := map[string]any{"slug": d.Slug, "category": d.Category, "audience": d.Audience}
	for l, v := range d.Versions {
		m["title."+l] = v.Title
		sum := sha256.Sum256([]byte(v.Body))
		m["body."+l] = fmt.Sprintf("%d characters, %x", utf8.RuneCountInString(v.Body), sum[:4])
	}
	return m
}

func addErr(errs *apperr.Fields, field, key string, args ...any) {
	errs.Add(field, key, english.T(key, args...), args...)
}

// Validate checks and tidies d: a slug of lower-case words and hyphens, a
// known category and audience, only supported languages, an English
// version, and a title and body for every language given. A language
// whose title and body are both empty is dropped (it has no version).
// Field names are the API's JSON paths (versions.<locale>.title).
func Validate(d *Draft) error {
	var errs apperr.Fields
	d.Slug = strings.ToLower(strings.TrimSpace(d.Slug))
	switch {
	case d.Slug == "":
		addErr(&errs, "slug", "validation.required")
	case utf8.RuneCountInString(d.Slug) > maxSlug:
		addErr(&errs, "slug", "validation.too_long", "max", maxSlug)
	case !slugShape.MatchString(d.Slug):
		addErr(&errs, "slug", "kb.error.slug")
	}
	if !slices.Contains(Categories, d.Category) {
		addErr(&errs, "category", "kb.error.category")
	}
	if !slices.Contains(Audiences, d.Audience) {
		addErr(&errs, "audience", "kb.error.audience")
	}
	clean := map[string]Version{}
	for l, v := range d.Versions {
		if !IsLocale(l) {
			addErr(&errs, "versions."+l, "kb.error.locale", "locale", l, "locales", strings.Join(Locales, ", "))
			continue
		}
		v.Title = strings.TrimSpace(v.Title)
		v.Body = strings.TrimSpace(strings.ReplaceAll(v.Body, "\r\n", "\n"))
		if v.Title == "" && v.Body == "" {
			continue
		}
		prefix := "versions." + l + "."
		if v.Title == "" {
			addErr(&errs, prefix+"title", "validation.required")
		} else if utf8.RuneCountInString(v.Title) > maxTitle {
			addErr(&errs, prefix+"title", "validation.too_long", "max", maxTitle)
		}
		if v.Body == "" {
			addErr(&errs, prefix+"body", "validation.required")
		} else if utf8.RuneCountInString(v.Body) > maxBody {
			addErr(&errs, prefix+"body", "validation.too_long", "max", maxBody)
		}
		clean[l] = v
	}
	if _, ok := clean[Fallback]; !ok && !errs.Has("versions."+Fallback+".title") && !errs.Has("versions."+Fallback+".body") {
		addErr(&errs, "versions."+Fallback+".title", "kb.error.english_required")
	}
	d.Versions = clean
	return errs.Err()
}

func slugTaken() error {
	var errs apperr.Fields
	addErr(&errs, "slug", "kb.error.slug_taken")
	return errs.Err()
}

func staleEdit() error {
	return apperr.New(apperr.Conflict, "Someone saved this article after you opened it; open it again to see their changes.")
}
