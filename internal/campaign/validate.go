package campaign

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/i18n"
	"golang.org/x/text/currency"
	"golang.org/x/text/language"
)

// Limits on campaign fields.
const (
	maxName         = 200
	maxObjective    = 2000
	maxBrief        = 50000
	maxLanguages    = 20
	maxMoney        = 1_000_000_000_000 // minor units: ten billion in a two-decimal currency
	maxParticipants = 100000
	maxOfferText    = 200
	maxCouponCode   = 64
	maxCommissionBP = 10000
	maxDeliverables = 50
	maxQuantity     = 1000
	maxTags         = 30
	maxTagLength    = 100
	maxDisclosure   = 200
	maxNotes        = 2000
	maxKPIs         = 20
	maxKPITarget    = 1_000_000_000_000
	maxTermDays     = 36500
	maxTerritories  = 250
)

var english = i18n.For("en")

// add records a field error with its English text from the catalogue;
// args are name/value pairs for the message's placeholders.
func add(errs *apperr.Fields, field, key string, args ...any) {
	errs.Add(field, key, english.T(key, args...), args...)
}

func clean(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }

func checkLength(errs *apperr.Fields, field, s string, max int) {
	if utf8.RuneCountInString(s) > max {
		add(errs, field, "validation.too_long", "max", max)
	}
}

// ValidDate reports whether s is an ISO calendar date (YYYY-MM-DD).
func ValidDate(s string) bool {
	t, err := time.Parse(time.DateOnly, s)
	return err == nil && t.Format(time.DateOnly) == s
}

func checkDate(errs *apperr.Fields, field string, s *string) {
	*s = strings.TrimSpace(*s)
	if *s != "" && !ValidDate(*s) {
		add(errs, field, "campaign.validation.date")
	}
}

// Validate checks f and normalises it in place (trimmed text, canonical
// language codes, upper-case currency). Field names are the API's.
func Validate(f *Fields) apperr.Fields {
	var errs apperr.Fields
	f.Name = clean(f.Name)
	if f.Name == "" {
		add(&errs, "name", "validation.required")
	}
	checkLength(&errs, "name", f.Name, maxName)
	f.Objective = clean(f.Objective)
	checkLength(&errs, "objective", f.Objective, maxObjective)
	f.Brief = clean(f.Brief)
	checkLength(&errs, "brief", f.Brief, maxBrief)
	checkDate(&errs, "starts_on", &f.StartsOn)
	checkDate(&errs, "ends_on", &f.EndsOn)
	if !errs.Has("starts_on") && !errs.Has("ends_on") && f.StartsOn != "" && f.EndsOn != "" && f.EndsOn < f.StartsOn {
		add(&errs, "ends_on", "campaign.validation.ends_before_start")
	}
	f.Languages = normalizeLanguages(f.Languages, &errs)
	f.Currency = strings.TrimSpace(f.Currency)
	if !ValidCurrency(f.Currency) {
		add(&errs, "currency", "campaign.validation.currency")
	}
	checkMoney(&errs, "budget_minor", f.BudgetMinor)
	if f.ExpectedParticipants < 0 || f.ExpectedParticipants > maxParticipants {
		add(&errs, "expected_participants", "campaign.validation.range", "min", 0, "max", maxParticipants)
	}
	validateOffer(&f.Offer, "default_offer.", &errs)
	return errs
}

// ValidCurrency reports whether s is an ISO 4217 code, three upper-case
// letters that name a currency.
func ValidCurrency(s string) bool {
	if len(s) != 3 || strings.ToUpper(s) != s {
		return false
	}
	_, err := currency.ParseISO(s)
	return err == nil
}

func checkMoney(errs *apperr.Fields, field string, v int64) {
	if v < 0 || v > maxMoney {
		add(errs, field, "campaign.validation.money")
	}
}

// ValidateOffer checks an offer (the default offer, or one the
// participant room sends); prefix is put before the field names.
func ValidateOffer(o *Offer, prefix string) apperr.Fields {
	var errs apperr.Fields
	validateOffer(o, prefix, &errs)
	return errs
}

func validateOffer(o *Offer, prefix string, errs *apperr.Fields) {
	o.Product = clean(o.Product)
	checkLength(errs, prefix+"product", o.Product, maxOfferText)
	o.CouponCode = strings.TrimSpace(o.CouponCode)
	checkLength(errs, prefix+"coupon_code", o.CouponCode, maxCouponCode)
	if strings.ContainsAny(o.CouponCode, " \t\n") {
		add(errs, prefix+"coupon_code", "campaign.validation.coupon_code")
	}
	if o.CommissionBP < 0 || o.CommissionBP > maxCommissionBP {
		add(errs, prefix+"commission_bp", "campaign.validation.commission")
	}
	checkMoney(errs, prefix+"fee_minor", o.FeeMinor)
}

func normalizeLanguages(in []string, errs *apperr.Fields) []string {
	out := []string{}
	for _, raw := range in {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		tag, err := language.Parse(raw)
		if err != nil || tag == language.Und || len(raw) > 35 {
			add(errs, "languages", "validation.language", "value", strconv.Quote(short(raw)))
			continue
		}
		if code := tag.String(); !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	if len(out) > maxLanguages {
		add(errs, "languages", "validation.too_many", "max", maxLanguages)
	}
	return out
}

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// ValidateDeliverable checks d and normalises it in place; prefix is put
// before the field names ("deliverables[2]." in a list).
func ValidateDeliverable(d *DeliverableFields, prefix string) apperr.Fields {
	var errs apperr.Fields
	d.Platform = strings.ToLower(strings.TrimSpace(d.Platform))
	if !slices.Contains(creator.Platforms, d.Platform) {
		add(&errs, prefix+"platform", "validation.platform", "platforms", strings.Join(creator.Platforms, ", "))
	}
	d.Kind = strings.ToLower(strings.TrimSpace(d.Kind))
	if !slices.Contains(Kinds, d.Kind) {
		add(&errs, prefix+"kind", "campaign.validation.kind", "kinds", strings.Join(Kinds, ", "))
	}
	if d.Quantity < 1 || d.Quantity > maxQuantity {
		add(&errs, prefix+"quantity", "campaign.validation.range", "min", 1, "max", maxQuantity)
	}
	checkDate(&errs, prefix+"due_on", &d.DueOn)
	d.Hashtags = normalizeTags(d.Hashtags, '#', prefix+"hashtags", "campaign.validation.hashtag", &errs)
	d.Mentions = normalizeTags(d.Mentions, '@', prefix+"mentions", "campaign.validation.mention", &errs)
	d.Disclosure = clean(d.Disclosure)
	checkLength(&errs, prefix+"disclosure", d.Disclosure, maxDisclosure)
	d.Notes = clean(d.Notes)
	checkLength(&errs, prefix+"notes", d.Notes, maxNotes)
	return errs
}

// normalizeTags checks hashtags or mentions: each starts with sign and
// has no spaces; repeats are dropped, the order kept.
func normalizeTags(in []string, sign byte, field, key string, errs *apperr.Fields) []string {
	out := []string{}
	for _, t := range in {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if len(t) < 2 || t[0] != sign || strings.ContainsAny(t, " \t\n,") || strings.IndexByte(t[1:], sign) >= 0 {
			add(errs, field, key, "value", strconv.Quote(short(t)))
			continue
		}
		if utf8.RuneCountInString(t) > maxTagLength {
			add(errs, field, "validation.too_long", "max", maxTagLength)
			continue
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if len(out) > maxTags {
		add(errs, field, "validation.too_many", "max", maxTags)
	}
	return out
}

// ValidateDeliverables checks a whole list.
func ValidateDeliverables(list []DeliverableFields) apperr.Fields {
	var errs apperr.Fields
	if len(list) > maxDeliverables {
		add(&errs, "deliverables", "validation.too_many", "max", maxDeliverables)
	}
	for i := range list {
		errs = append(errs, ValidateDeliverable(&list[i], "deliverables["+strconv.Itoa(i)+"].")...)
	}
	return errs
}

// ValidateKPIs checks KPI targets: known metrics, each once, positive
// targets. They are returned in KPIMetrics order.
func ValidateKPIs(list []KPITarget) ([]KPITarget, apperr.Fields) {
	var errs apperr.Fields
	seen := map[string]bool{}
	for i, k := range list {
		field := "kpis[" + strconv.Itoa(i) + "]."
		k.Metric = strings.ToLower(strings.TrimSpace(k.Metric))
		switch {
		case !slices.Contains(KPIMetrics, k.Metric):
			add(&errs, field+"metric", "campaign.validation.metric", "metrics", strings.Join(KPIMetrics, ", "))
		case seen[k.Metric]:
			add(&errs, field+"metric", "campaign.validation.metric_twice")
		}
		seen[k.Metric] = true
		if k.Target < 1 || k.Target > maxKPITarget {
			add(&errs, field+"target", "campaign.validation.kpi_target")
		}
		list[i] = k
	}
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b KPITarget) int {
		return slices.Index(KPIMetrics, a.Metric) - slices.Index(KPIMetrics, b.Metric)
	})
	return out, errs
}

// ValidateTerms checks a terms version and normalises it in place.
func ValidateTerms(t *TermsFields, prefix string) apperr.Fields {
	var errs apperr.Fields
	channels := []string{}
	for _, c := range t.Channels {
		c = strings.ToLower(strings.TrimSpace(c))
		if c == "" {
			continue
		}
		if !slices.Contains(Channels, c) {
			add(&errs, prefix+"channels", "campaign.validation.channel", "channels", strings.Join(Channels, ", "))
			continue
		}
		if !slices.Contains(channels, c) {
			channels = append(channels, c)
		}
	}
	if len(channels) == 0 && !errs.Has(prefix+"channels") {
		add(&errs, prefix+"channels", "campaign.validation.channels_required")
	}
	t.Channels = channels
	t.Territories = normalizeTerritories(t.Territories, prefix+"territories", &errs)
	if t.DurationDays < 0 || t.DurationDays > maxTermDays {
		add(&errs, prefix+"duration_days", "campaign.validation.range", "min", 0, "max", maxTermDays)
	}
	if t.ExclusivityDays < 0 || t.ExclusivityDays > maxTermDays {
		add(&errs, prefix+"exclusivity_days", "campaign.validation.range", "min", 0, "max", maxTermDays)
	}
	t.Notes = clean(t.Notes)
	checkLength(&errs, prefix+"notes", t.Notes, maxNotes)
	return errs
}

func normalizeTerritories(in []string, field string, errs *apperr.Fields) []string {
	out := []string{}
	for _, raw := range in {
		code := strings.TrimSpace(raw)
		if code == "" {
			continue
		}
		if strings.EqualFold(code, Worldwide) {
			code = Worldwide
		} else {
			code = strings.ToUpper(code)
			r, err := language.ParseRegion(code)
			if len(code) != 2 || err != nil || !r.IsCountry() || r.String() != code {
				add(errs, field, "campaign.validation.territory", "value", strconv.Quote(short(raw)))
				continue
			}
		}
		if !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	if len(out) == 0 && !errs.Has(field) {
		add(errs, field, "campaign.validation.territories_required")
	}
	if slices.Contains(out, Worldwide) && len(out) > 1 {
		add(errs, field, "campaign.validation.worldwide_alone")
	}
	if len(out) > maxTerritories {
		add(errs, field, "validation.too_many", "max", maxTerritories)
	}
	return out
}
