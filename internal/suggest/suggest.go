// Package suggest finds the word a user probably meant: the nearest of the accepted words to
// a mistyped one, for the "did you mean" of a flag, a field or an enum word.
package suggest

import "strings"

// Nearest returns the candidate closest to word, or "" when none is close enough to be a
// typo of it. Closeness is the edit distance counting a swap of two neighbouring letters as
// one edit (fromat → format), ignoring case; a candidate is close enough within a third of
// its length (at least one edit), or when word is a prefix of it of three letters or more
// (--form → --format). On a tie the first candidate wins, so callers list the likelier
// words first.
func Nearest(word string, candidates []string) string {
	w := strings.ToLower(word)
	best, bestDist := "", -1
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if lc == w {
			return c
		}
		d := distance(w, lc)
		limit := max(1, len([]rune(lc))/3)
		if len(w) >= 3 && strings.HasPrefix(lc, w) {
			d = min(d, limit) // a prefix is as good as the furthest typo allowed
		}
		if d > limit {
			continue
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the optimal string alignment distance of a and b: insertions, deletions,
// substitutions and transpositions of neighbours, each one edit.
func distance(a, b string) int {
	s, t := []rune(a), []rune(b)
	// Three rows suffice: the transposition looks two rows back.
	prev2 := make([]int, len(t)+1)
	prev := make([]int, len(t)+1)
	cur := make([]int, len(t)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(s); i++ {
		cur[0] = i
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(t)]
}
