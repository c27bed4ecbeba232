package importer

import (
	"strings"

	"github.com/rosterhq/roster/internal/creator"
)

// fillPlain reads the creator's own fields from the cells.
func (r *Row) fillPlain(c *cells) {
	f := &r.Fields
	f.DisplayName = c.plain[FieldName]
	if f.DisplayName == "" {
		f.DisplayName = strings.TrimSpace(c.plain[FieldFirstName] + " " + c.plain[FieldLastName])
	}
	r.has.name = f.DisplayName != ""
	f.Email, r.has.email = c.plain[FieldEmail], c.plain[FieldEmail] != ""
	if v := c.plain[FieldCountry]; v != "" {
		code, ok := countryCode(v)
		if !ok {
			r.fail(problem(r.Line, c.col[FieldCountry], v, "import.problem.country"))
		}
		f.Country, r.has.country = code, true
	} else if v := c.plain[FieldLocation]; v != "" {
		if code, ok := locationCountry(v); ok {
			f.Country, r.has.country = code, true
		} else {
			r.warn(problem(r.Line, c.col[FieldLocation], v, "import.problem.location"))
		}
	}
	for _, l := range splitList(c.plain[FieldLanguages]) {
		for _, w := range strings.Fields(strings.ReplaceAll(l, "/", " ")) {
			f.Languages = append(f.Languages, languageCode(w))
		}
	}
	r.has.languages = len(f.Languages) > 0
	f.Tags = splitList(c.plain[FieldTags])
	f.Notes, r.has.notes = c.plain[FieldNotes], c.plain[FieldNotes] != ""
	f.Stage, r.has.stage, r.stageCol = c.plain[FieldStage], c.plain[FieldStage] != "", c.col[FieldStage]
}

// fillAccounts turns the account cells into social accounts: the platform
// comes from the column, the platform column or the profile URL.
func (r *Row) fillAccounts(c *cells, source string) {
	generic := c.accts[""]
	if generic != nil && generic.handle == "" && (generic.followers != "" || generic.rate != "") && len(c.order) == 2 {
		// Generic metrics with a single platform column belong to it.
		other := c.accts[c.order[0]]
		if other == generic {
			other = c.accts[c.order[1]]
		}
		other.followers, other.followersCol = generic.followers, generic.followersCol
		other.rate, other.rateCol = generic.rate, generic.rateCol
	}
	for _, p := range c.order {
		a := c.accts[p]
		if a.handle == "" {
			continue
		}
		if p == "" {
			if v := c.plain[FieldPlatform]; v != "" {
				var ok bool
				if p, ok = platformOf(v); !ok {
					r.fail(problem(r.Line, c.col[FieldPlatform], v, "import.problem.platform"))
					continue
				}
			} else if p = urlPlatform(a.handle); p == "" {
				r.fail(problem(r.Line, a.handleCol, a.handle, "import.problem.no_platform"))
				continue
			}
		}
		in := creator.SocialAccountInput{Platform: p, Handle: a.handle, MetricsSource: source}
		var h accHas
		var ok bool
		if in.Followers, h.followers, ok = parseFollowers(a.followers); !ok {
			r.fail(problem(r.Line, a.followersCol, a.followers, "import.problem.followers"))
		}
		if in.EngagementRate, h.rate, ok = parseRate(a.rate); !ok {
			r.fail(problem(r.Line, a.rateCol, a.rate, "import.problem.engagement_rate"))
		}
		r.Fields.SocialAccounts = append(r.Fields.SocialAccounts, in)
		r.accHas = append(r.accHas, h)
		c.col["social_accounts["+itoa(len(r.accHas)-1)+"].handle"] = a.handleCol
	}
	if len(r.Fields.SocialAccounts) == 0 && !r.Failed {
		r.fail(problem(r.Line, "", "", "import.problem.no_handle"))
	}
}

// validate runs the creator rules; a row without a name is named after
// its first handle (the name is then not "given": it never replaces one).
func (r *Row) validate(c *cells) {
	f := &r.Fields
	if f.DisplayName == "" {
		if h, _, err := creator.NormalizeHandle(f.SocialAccounts[0].Platform, f.SocialAccounts[0].Handle); err == nil {
			f.DisplayName = h
		}
	}
	errs := creator.Validate(f)
	for _, e := range errs {
		col, value := c.col[e.Field], ""
		switch {
		case strings.HasPrefix(e.Field, "social_accounts["):
			col = c.col[e.Field]
			if col == "" {
				col = c.col[strings.SplitN(e.Field, ".", 2)[0]+".handle"]
			}
		case e.Field == "display_name":
			col = c.col[FieldName]
		}
		if col != "" {
			value = c.byCol[col]
		}
		r.fail(Problem{Line: r.Line, Column: col, Value: clip(value), Key: e.Key, Args: e.Args, Message: e.Message, Kind: KindError})
	}
}
