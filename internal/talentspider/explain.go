package talentspider

import (
	"strings"

	"github.com/rosterhq/roster/internal/i18n"
)

// Explain writes a reason as a sentence in the reader's language, with
// the numbers the score used.
func Explain(l *i18n.Localizer, r Reason) string {
	of := int64(r.Of)
	switch r.Kind {
	case ReasonNiche:
		return l.N("talentspider.reason.niche", of, "count", int64(r.Count), "tags", strings.Join(r.Tags, ", "))
	case ReasonCountry:
		return l.N("talentspider.reason.country", of, "count", int64(r.Count), "country", r.Value)
	case ReasonLanguage:
		return l.N("talentspider.reason.language", of, "count", int64(r.Count), "language", r.Value)
	case ReasonTier:
		return l.N("talentspider.reason.tier", of, "count", int64(r.Count), "tier", TierName(l, r.Value))
	case ReasonEngagement:
		return l.T("talentspider.reason.engagement", "ratio", l.Decimal(r.Ratio, 1), "median", l.Percent(r.Median),
			"tier", TierName(l, r.Value))
	}
	return r.Kind
}

// TierName is a tier's name in the reader's language.
func TierName(l *i18n.Localizer, tier string) string {
	switch tier {
	case TierNano:
		return l.T("talentspider.tier.nano")
	case TierMicro:
		return l.T("talentspider.tier.micro")
	case TierMid:
		return l.T("talentspider.tier.mid")
	case TierMacro:
		return l.T("talentspider.tier.macro")
	}
	return l.T("talentspider.tier.mega")
}

// Explained returns the suggestions with each reason's Text filled in.
func Explained(l *i18n.Localizer, in []Suggestion) []Suggestion {
	for i := range in {
		for j := range in[i].Reasons {
			in[i].Reasons[j].Text = Explain(l, in[i].Reasons[j])
		}
	}
	return in
}
