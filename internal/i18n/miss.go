package i18n

import "sync/atomic"

// missHook, when set, hears of every lookup that found no message: a key
// missing from a locale's catalogue (the page then shows the key itself)
// or a request for a locale Roster does not speak (For then answers in
// English). It costs one atomic load on the miss path only, so the
// application's crawl test can name the page where a translation fell
// through without the lookups it makes on every page paying for it.
var missHook atomic.Pointer[func(lang, key string)]

// SetMissHook makes f hear of every miss until the returned function is
// called. For tests: lang is the locale asked for and key the message key,
// or "" when the locale itself was unsupported.
func SetMissHook(f func(lang, key string)) (restore func()) {
	old := missHook.Swap(&f)
	return func() { missHook.Store(old) }
}

func reportMiss(lang, key string) {
	if f := missHook.Load(); f != nil {
		(*f)(lang, key)
	}
}
