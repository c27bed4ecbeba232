package importer

import (
	"slices"
	"strings"

	"github.com/rosterhq/roster/internal/creator"
)

// Limits a merge must keep (the same as creator.Validate's).
const (
	maxTags     = 50
	maxAccounts = 20
)

// state is one creator as the batch sees it: loaded from the database
// (id set, orig kept to tell what to write) or new in this file.
type state struct {
	c    creator.Creator
	orig *creator.Creator // nil for a creator this batch creates
	line int64            // the file line that created it, for a new one
	// cols are the stored columns derived from c, computed by the parser
	// for a new creator (off the writer's goroutine) and dropped when a
	// merge changes c; nil means compute them when writing.
	cols *derived
}

func (s *state) isNew() bool { return s.orig == nil }

// derived are a creator's stored columns computed from its fields.
type derived struct {
	sortName, searchText, languages string
	followersTotal                  int64
}

func derive(c *creator.Creator) *derived {
	return &derived{sortName: creator.SortName(c.DisplayName), searchText: creator.SearchText(c),
		languages: strings.Join(c.Languages, ","), followersTotal: followersTotal(c)}
}

// derivedCols are s's stored columns, computed now unless the parser did.
func (s *state) derivedCols() *derived {
	if s.cols == nil {
		s.cols = derive(&s.c)
	}
	return s.cols
}

// newState builds a creator from a row, with its stored columns: the
// parser prepares one for every usable row, so that creating a creator
// costs the writer no text work.
func newState(r *Row) *state {
	f := r.Fields
	c := creator.Creator{DisplayName: f.DisplayName, Email: f.Email, Country: f.Country, Languages: f.Languages,
		Tags: f.Tags, Notes: f.Notes, Stage: f.Stage}
	for _, in := range f.SocialAccounts {
		c.SocialAccounts = append(c.SocialAccounts, toAccount(in))
	}
	s := &state{c: c, line: r.Line}
	s.cols = derive(&s.c)
	return s
}

func toAccount(in creator.SocialAccountInput) creator.SocialAccount {
	_, u, _ := creator.NormalizeHandle(in.Platform, in.Handle)
	return creator.SocialAccount{Platform: in.Platform, Handle: in.Handle, ProfileURL: u, Followers: in.Followers,
		EngagementRate: in.EngagementRate, MetricsSource: in.MetricsSource}
}

// merge lays a row over the creator: values the row gives replace, tags
// are added, accounts added or their metrics updated; nothing is removed.
// It reports whether anything changed, and refuses (changing nothing) a
// result over the creator limits.
func (s *state) merge(r *Row) (changed, ok bool) {
	next := s.c
	next.Tags = slices.Clone(s.c.Tags)
	next.SocialAccounts = slices.Clone(s.c.SocialAccounts)
	f := &r.Fields
	set := func(dst *string, v string, given bool) {
		if given && *dst != v {
			*dst, changed = v, true
		}
	}
	set(&next.DisplayName, f.DisplayName, r.has.name)
	set(&next.Email, f.Email, r.has.email)
	set(&next.Country, f.Country, r.has.country)
	set(&next.Notes, f.Notes, r.has.notes)
	set(&next.Stage, f.Stage, r.has.stage)
	if r.has.languages && !slices.Equal(next.Languages, f.Languages) {
		next.Languages, changed = f.Languages, true
	}
	for _, t := range f.Tags {
		if !slices.Contains(next.Tags, t) {
			next.Tags, changed = append(next.Tags, t), true
		}
	}
	slices.Sort(next.Tags)
	for i, in := range f.SocialAccounts {
		j := slices.IndexFunc(next.SocialAccounts, func(a creator.SocialAccount) bool {
			return a.Platform == in.Platform && a.Handle == in.Handle
		})
		if j < 0 {
			next.SocialAccounts, changed = append(next.SocialAccounts, toAccount(in)), true
			continue
		}
		a := &next.SocialAccounts[j]
		if r.accHas[i].followers && a.Followers != in.Followers {
			a.Followers, a.MetricsSource, changed = in.Followers, in.MetricsSource, true
		}
		if r.accHas[i].rate && a.EngagementRate != in.EngagementRate {
			a.EngagementRate, a.MetricsSource, changed = in.EngagementRate, in.MetricsSource, true
		}
	}
	if len(next.Tags) > maxTags || len(next.SocialAccounts) > maxAccounts {
		return false, false
	}
	s.c = next
	if changed {
		s.cols = nil
	}
	return changed, true
}

// followersTotal is creators.followers_total: the sum over accounts.
func followersTotal(c *creator.Creator) int64 {
	var n int64
	for _, a := range c.SocialAccounts {
		n += a.Followers
	}
	return n
}
