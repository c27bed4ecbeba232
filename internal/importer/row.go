package importer

import (
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/creator"
)

// Row is one record turned into creator fields, validated and normalised.
// The has flags say which values the file gave: only those replace what a
// creator already has.
type Row struct {
	Line     int64
	Fields   creator.Fields
	has      has
	accHas   []accHas
	Problems []Problem // warnings when the row is usable, errors when not
	Failed   bool
	stageCol string
	// fresh is the creator this row makes if no creator has its handles
	// yet, prepared by the parser (nil for a failed row).
	fresh *state
}

type has struct{ name, email, country, languages, notes, stage bool }

type accHas struct{ followers, rate bool }

// account gathers one account's cells before normalisation.
type account struct {
	platform, handle, handleCol string
	followers, rate             string
	followersCol, rateCol       string
}

// cells are a record's values by target, with the columns they came from.
type cells struct {
	plain map[string]string
	col   map[string]string   // field → header it came from
	byCol map[string]string   // header → cleaned value, for reports
	accts map[string]*account // by platform; "" is the generic account
	order []string
}

func (c *cells) acct(p string) *account {
	a := c.accts[p]
	if a == nil {
		a = &account{platform: p}
		c.accts[p] = a
		c.order = append(c.order, p)
	}
	return a
}

// ParseRow turns a record into a Row; source labels the account metrics.
func ParseRow(m Mapping, rec []string, line int64, source string) Row {
	r := Row{Line: line}
	c := cells{plain: map[string]string{}, col: map[string]string{}, byCol: map[string]string{}, accts: map[string]*account{}}
	for i, v := range rec {
		if i >= len(m.Columns) {
			if strings.TrimSpace(v) != "" {
				r.fail(problem(line, "#"+strconv.Itoa(i+1), v, "import.problem.too_many_columns"))
			}
			continue
		}
		col := m.Columns[i]
		v = creator.CleanText(undefuse(v), col.Target.Field == FieldNotes)
		if v == "" {
			continue
		}
		c.byCol[col.Header] = v
		t := col.Target
		switch {
		case t.Field == FieldIgnore:
		case t.Platform != "" || t.Field == FieldHandle || t.Field == FieldProfileURL || t.Field == FieldFollowers || t.Field == FieldEngagementRate:
			a := c.acct(t.Platform)
			switch t.Field {
			case FieldHandle, FieldProfileURL:
				if a.handle == "" || t.Field == FieldHandle {
					a.handle, a.handleCol = v, col.Header
				}
			case FieldFollowers:
				a.followers, a.followersCol = v, col.Header
			case FieldEngagementRate:
				a.rate, a.rateCol = v, col.Header
			}
		case t.Field == FieldTags || t.Field == FieldNotes:
			if prev := c.plain[t.Field]; prev != "" {
				v = prev + "\n" + v
			}
			c.plain[t.Field], c.col[t.Field] = v, col.Header
		default:
			c.plain[t.Field], c.col[t.Field] = v, col.Header
		}
	}
	r.fillPlain(&c)
	r.fillAccounts(&c, source)
	if !r.Failed {
		r.validate(&c)
	}
	return r
}

func (r *Row) fail(p Problem) {
	r.Failed = true
	r.Problems = append(r.Problems, p)
}

func (r *Row) warn(p Problem) {
	p.Kind = KindWarning
	r.Problems = append(r.Problems, p)
}
