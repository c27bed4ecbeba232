package contract

import (
	"context"
	"fmt"
	"net/mail"
	"slices"
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

// Limits on a contract's fields.
const (
	maxText        = 120
	maxNotes       = 4000
	maxNoticeDays  = 365
	maxOnboardingW = 26
)

// Service saves contracts, each change audited in its transaction.
type Service struct {
	DB  *db.DB
	Now func() time.Time
}

// Save validates c and stores it as p's brand's contract; an invalid
// field is an apperr.Invalid naming it, and nothing is written.
func (s *Service) Save(ctx context.Context, p *auth.Principal, c *Contract) error {
	c.BrandID = p.BrandID
	if err := Validate(c); err != nil {
		return err
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		old, err := Get(ctx, tx, p.BrandID)
		if err != nil {
			return err
		}
		if err := save(ctx, tx, c, p.UserID(), now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, p, p.BrandID, "update", "contract", fmt.Sprint(p.BrandID), diff(old, c), now)
	})
}

func addErr(errs *apperr.Fields, field, key string, args ...any) {
	errs.Add(field, key, english.T(key, args...), args...)
}

// Validate checks and tidies c: trimmed text, dates that exist and are in
// order, emails, day and week counts in range, minutes in range. Field
// names are the JSON paths of the API (contacts.<role>.email,
// commitments.<role>.monthly_minutes.<category>), which the edit form
// uses as its input names too.
func Validate(c *Contract) error {
	var errs apperr.Fields
	c.PlanName = strings.TrimSpace(c.PlanName)
	if utf8.RuneCountInString(c.PlanName) > maxText {
		addErr(&errs, "plan_name", "validation.too_long", "max", maxText)
	}
	c.Notes = strings.TrimSpace(c.Notes)
	if utf8.RuneCountInString(c.Notes) > maxNotes {
		addErr(&errs, "notes", "validation.too_long", "max", maxNotes)
	}
	dates := map[string]*string{"starts_on": &c.StartsOn, "ends_on": &c.EndsOn, "renewal_on": &c.RenewalOn}
	for _, field := range []string{"starts_on", "ends_on", "renewal_on"} {
		v := dates[field]
		*v = strings.TrimSpace(*v)
		if *v == "" {
			continue
		}
		if _, err := time.Parse(dateLayout, *v); err != nil {
			addErr(&errs, field, "contract.error.date")
		}
	}
	if !errs.Has("starts_on") && !errs.Has("ends_on") && c.StartsOn != "" && c.EndsOn != "" && c.EndsOn < c.StartsOn {
		addErr(&errs, "ends_on", "contract.error.ends_before_start")
	}
	if !errs.Has("starts_on") && !errs.Has("renewal_on") && c.StartsOn != "" && c.RenewalOn != "" && c.RenewalOn < c.StartsOn {
		addErr(&errs, "renewal_on", "contract.error.renewal_before_start")
	}
	if c.NoticeDays < 0 || c.NoticeDays > maxNoticeDays {
		addErr(&errs, "notice_days", "contract.error.notice_days", "max", maxNoticeDays)
	}
	if c.OnboardingWeeks < 0 || c.OnboardingWeeks > maxOnboardingW {
		addErr(&errs, "onboarding_weeks", "contract.error.onboarding_weeks", "max", maxOnboardingW)
	}
	if c.Contacts == nil {
		c.Contacts = map[string]Contact{}
	}
	for role := range c.Contacts {
		if !slices.Contains(ContactRoles, role) {
			addErr(&errs, "contacts", "contract.error.unknown_role", "role", role)
		}
	}
	for _, role := range ContactRoles {
		ct := c.Contacts[role]
		ct.Name, ct.Email, ct.Phone = strings.TrimSpace(ct.Name), strings.ToLower(strings.TrimSpace(ct.Email)), strings.TrimSpace(ct.Phone)
		prefix := "contacts." + role + "."
		if utf8.RuneCountInString(ct.Name) > maxText {
			addErr(&errs, prefix+"name", "validation.too_long", "max", maxText)
		}
		if utf8.RuneCountInString(ct.Phone) > 40 {
			addErr(&errs, prefix+"phone", "validation.too_long", "max", 40)
		}
		if ct.Email != "" {
			if a, err := mail.ParseAddress(ct.Email); err != nil || a.Address != ct.Email || !strings.Contains(ct.Email[strings.LastIndexByte(ct.Email, '@')+1:], ".") {
				addErr(&errs, prefix+"email", "validation.invalid_email")
			}
		}
		c.Contacts[role] = ct
	}
	if c.Commitments == nil {
		c.Commitments = map[string]Allotment{}
	}
	for role := range c.Commitments {
		if !slices.Contains(CommittedRoles, role) {
			addErr(&errs, "commitments", "contract.error.unknown_role", "role", role)
		}
	}
	for _, role := range CommittedRoles {
		a := c.Commitments[role]
		a.Monthly = checkMinutes(&errs, "commitments."+role+".monthly_minutes.", a.Monthly)
		a.Onboarding = checkMinutes(&errs, "commitments."+role+".onboarding_extra_minutes.", a.Onboarding)
		c.Commitments[role] = a
	}
	return errs.Err()
}

func checkMinutes(errs *apperr.Fields, prefix string, m map[string]int) map[string]int {
	out := make(map[string]int, len(Categories))
	for cat := range m {
		if !slices.Contains(Categories, cat) {
			addErr(errs, prefix+cat, "contract.error.unknown_category", "category", cat)
		}
	}
	for _, cat := range Categories {
		v := m[cat]
		if v < 0 || v > MaxMonthlyMinutes {
			addErr(errs, prefix+cat, "contract.error.hours_range", "max", MaxMonthlyMinutes/60)
		}
		out[cat] = v
	}
	return out
}

// diff lists what Save changed, for the audit log.
func diff(old, c *Contract) map[string]audit.Change {
	out := map[string]audit.Change{}
	put := func(k string, a, b any) {
		if a != b {
			out[k] = audit.Change{From: a, To: b}
		}
	}
	put("plan_name", old.PlanName, c.PlanName)
	put("starts_on", old.StartsOn, c.StartsOn)
	put("ends_on", old.EndsOn, c.EndsOn)
	put("renewal_on", old.RenewalOn, c.RenewalOn)
	put("notice_days", old.NoticeDays, c.NoticeDays)
	put("auto_renew", old.AutoRenew, c.AutoRenew)
	put("onboarding_weeks", old.OnboardingWeeks, c.OnboardingWeeks)
	put("notes", old.Notes, c.Notes)
	for _, role := range ContactRoles {
		put("contact."+role, old.Contacts[role], c.Contacts[role])
	}
	for _, role := range CommittedRoles {
		for _, cat := range Categories {
			put("monthly_minutes."+role+"."+cat, old.Commitments[role].Monthly[cat], c.Commitments[role].Monthly[cat])
			put("onboarding_extra_minutes."+role+"."+cat, old.Commitments[role].Onboarding[cat], c.Commitments[role].Onboarding[cat])
		}
	}
	return out
}
