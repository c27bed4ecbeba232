package calendar

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/i18n"
)

// Source supplies one kind of calendar item. Events returns the brand's
// items that touch r (any day of the item within r) and match f; a source
// whose records have no campaign or owner returns nothing when that
// filter is set, so a filtered calendar never shows unrelated items.
// Every query a source makes must carry brand_id = ?.
type Source interface {
	Name() string
	Events(ctx context.Context, q db.Querier, l *i18n.Localizer, brandID int64, r Range, f Filter) ([]Event, error)
}

// registry holds the sources in the order they were added.
var registry struct {
	mu      sync.RWMutex
	sources []Source
}

// AddSource puts a source on the calendar. Rooms call it once, at start
// (from init or their Register); a second source with the same name is a
// programming error.
func AddSource(s Source) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	for _, have := range registry.sources {
		if have.Name() == s.Name() {
			panic("calendar: source " + s.Name() + " added twice")
		}
	}
	registry.sources = append(registry.sources, s)
}

// Sources returns the registered sources.
func Sources() []Source {
	registry.mu.RLock()
	defer registry.mu.RUnlock()
	return slices.Clone(registry.sources)
}

func init() {
	AddSource(campaignSpans{})
	AddSource(deliverableDues{})
}

// Collect gathers every source's items for the brand in r, sorted by
// start, then longest first (so spans sit above single days), then title.
func Collect(ctx context.Context, q db.Querier, l *i18n.Localizer, brandID int64, r Range, f Filter) ([]Event, error) {
	var all []Event
	for _, s := range Sources() {
		list, err := s.Events(ctx, q, l, brandID, r, f)
		if err != nil {
			return nil, err
		}
		all = append(all, list...)
	}
	slices.SortStableFunc(all, func(a, b Event) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		if c := b.End.Compare(a.End); c != 0 {
			return c
		}
		if c := strings.Compare(a.Title, b.Title); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return all, nil
}
