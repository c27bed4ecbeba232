package campaign

import (
	"strconv"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
)

// Template is a saved campaign shape: everything but the name, status
// and owner, with its dates counted in days from the start so it can be
// started on any day.
type Template struct {
	ID          int64        `json:"id"`
	BrandID     int64        `json:"-"`
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Body        TemplateBody `json:"body"`
	CreatedAt   time.Time    `json:"created_at"`
	UpdatedAt   time.Time    `json:"updated_at"`
}

// TemplateBody is what a template stores (as JSON in campaign_templates).
// DurationDays is the campaign's length (end − start) when it had dates;
// a deliverable's DueDay is its due date's distance from the start.
type TemplateBody struct {
	Objective            string                `json:"objective"`
	Brief                string                `json:"brief"`
	DurationDays         *int                  `json:"duration_days"`
	Languages            []string              `json:"languages"`
	Currency             string                `json:"currency"`
	BudgetMinor          int64                 `json:"budget_minor"`
	ExpectedParticipants int                   `json:"expected_participants"`
	Offer                Offer                 `json:"default_offer"`
	KPIs                 []KPITarget           `json:"kpis"`
	Deliverables         []TemplateDeliverable `json:"deliverables"`
	Terms                *TermsFields          `json:"terms"`
}

// TemplateDeliverable is a deliverable with its due date as days after
// the campaign's start (nil: no due date).
type TemplateDeliverable struct {
	Platform   string   `json:"platform"`
	Kind       string   `json:"kind"`
	Quantity   int      `json:"quantity"`
	DueDay     *int     `json:"due_day"`
	Hashtags   []string `json:"hashtags"`
	Mentions   []string `json:"mentions"`
	Disclosure string   `json:"disclosure"`
	Notes      string   `json:"notes"`
}

const (
	maxTemplateName = 200
	maxDescription  = 2000
	maxTemplateDays = 3650
)

// days between two ISO dates (b − a), both valid.
func daysBetween(a, b string) int {
	ta, _ := time.Parse(time.DateOnly, a)
	tb, _ := time.Parse(time.DateOnly, b)
	return int(tb.Sub(ta).Hours() / 24)
}

// addDays returns the ISO date n days after date.
func addDays(date string, n int) string {
	t, _ := time.Parse(time.DateOnly, date)
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

// BodyOf turns a campaign with its parts into a template body, dates made
// relative to its start. Without a start date, due dates are dropped.
func BodyOf(c *Campaign, ds []Deliverable, kpis []KPITarget, terms *Terms) TemplateBody {
	b := TemplateBody{Objective: c.Objective, Brief: c.Brief, Languages: c.Languages, Currency: c.Currency, BudgetMinor: c.BudgetMinor,
		ExpectedParticipants: c.ExpectedParticipants, Offer: c.Offer, KPIs: kpis, Deliverables: []TemplateDeliverable{}}
	if c.StartsOn != "" && c.EndsOn != "" {
		n := daysBetween(c.StartsOn, c.EndsOn)
		b.DurationDays = &n
	}
	for _, d := range ds {
		td := TemplateDeliverable{Platform: d.Platform, Kind: d.Kind, Quantity: d.Quantity, Hashtags: d.Hashtags, Mentions: d.Mentions,
			Disclosure: d.Disclosure, Notes: d.Notes}
		if c.StartsOn != "" && d.DueOn != "" {
			n := daysBetween(c.StartsOn, d.DueOn)
			td.DueDay = &n
		}
		b.Deliverables = append(b.Deliverables, td)
	}
	if terms != nil {
		t := terms.FieldsOf()
		b.Terms = &t
	}
	if b.KPIs == nil {
		b.KPIs = []KPITarget{}
	}
	if b.Languages == nil {
		b.Languages = []string{}
	}
	return b
}

// Start turns a body into a new campaign named name starting on startsOn
// (an ISO date, or "" for a campaign without dates yet), every date
// shifted to it.
func (b TemplateBody) Start(name, startsOn string) New {
	n := New{Fields: Fields{Name: name, Objective: b.Objective, Brief: b.Brief, Languages: b.Languages, Currency: b.Currency,
		BudgetMinor: b.BudgetMinor, ExpectedParticipants: b.ExpectedParticipants, Offer: b.Offer, StartsOn: startsOn},
		KPIs: append([]KPITarget(nil), b.KPIs...)}
	dated := startsOn != "" && ValidDate(startsOn)
	if dated && b.DurationDays != nil {
		n.EndsOn = addDays(startsOn, *b.DurationDays)
	}
	for _, td := range b.Deliverables {
		d := DeliverableFields{Platform: td.Platform, Kind: td.Kind, Quantity: td.Quantity, Hashtags: td.Hashtags, Mentions: td.Mentions,
			Disclosure: td.Disclosure, Notes: td.Notes}
		if dated && td.DueDay != nil {
			d.DueOn = addDays(startsOn, *td.DueDay)
		}
		n.Deliverables = append(n.Deliverables, d)
	}
	if b.Terms != nil {
		t := *b.Terms
		n.Terms = &t
	}
	return n
}

// validateTemplate checks a template's name, description and body. The
// body is checked as the campaign it would start on a sample day, so a
// template can never hold what a campaign may not; field names are the
// API's, under "body.".
func validateTemplate(t *Template) apperr.Fields {
	var errs apperr.Fields
	t.Name = clean(t.Name)
	if t.Name == "" {
		add(&errs, "name", "validation.required")
	}
	checkLength(&errs, "name", t.Name, maxTemplateName)
	t.Description = clean(t.Description)
	checkLength(&errs, "description", t.Description, maxDescription)
	b := &t.Body
	if b.DurationDays != nil && (*b.DurationDays < 0 || *b.DurationDays > maxTemplateDays) {
		add(&errs, "body.duration_days", "campaign.validation.range", "min", 0, "max", maxTemplateDays)
	}
	for i, d := range b.Deliverables {
		if d.DueDay != nil && (*d.DueDay < 0 || *d.DueDay > maxTemplateDays) {
			add(&errs, "body.deliverables["+strconv.Itoa(i)+"].due_day", "campaign.validation.range", "min", 0, "max", maxTemplateDays)
		}
	}
	n := b.Start("template", "2000-01-01")
	// Dates follow from the day counts, already checked above.
	for _, fe := range Validate(&n.Fields) {
		if fe.Field != "name" && fe.Field != "ends_on" {
			fe.Field = "body." + fe.Field
			errs = append(errs, fe)
		}
	}
	for _, fe := range ValidateDeliverables(n.Deliverables) {
		if !strings.HasSuffix(fe.Field, ".due_on") {
			fe.Field = "body." + fe.Field
			errs = append(errs, fe)
		}
	}
	kpis, kerrs := ValidateKPIs(n.KPIs)
	for _, fe := range kerrs {
		fe.Field = "body." + fe.Field
		errs = append(errs, fe)
	}
	if n.Terms != nil {
		errs = append(errs, ValidateTerms(n.Terms, "body.terms.")...)
		b.Terms = n.Terms
	}
	// Keep the normalised values (trimmed text, canonical codes).
	b.Objective, b.Brief, b.Languages, b.Currency, b.Offer, b.KPIs = n.Objective, n.Brief, n.Languages, n.Currency, n.Offer, kpis
	for i := range b.Deliverables {
		d := n.Deliverables[i]
		td := &b.Deliverables[i]
		td.Platform, td.Kind, td.Hashtags, td.Mentions, td.Disclosure, td.Notes = d.Platform, d.Kind, d.Hashtags, d.Mentions, d.Disclosure, d.Notes
	}
	if b.Deliverables == nil {
		b.Deliverables = []TemplateDeliverable{}
	}
	if b.Languages == nil {
		b.Languages = []string{}
	}
	if b.KPIs == nil {
		b.KPIs = []KPITarget{}
	}
	return errs
}
