package diag

// Suggest returns the candidate closest to word, if it is close enough to be
// a likely typo (for "did you mean ...?" hints), or "".
func Suggest(word string, candidates []string) string {
	best, bestDist := "", -1
	limit := max(2, len([]rune(word))/4)
	for _, c := range candidates {
		if c == word {
			continue
		}
		d := distance(word, c, limit)
		if d <= limit && (bestDist < 0 || d < bestDist || (d == bestDist && c < best)) {
			best, bestDist = c, d
		}
	}
	return best
}

// DidYouMean formats a suggestion as a message suffix, or "".
func DidYouMean(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return "; did you mean " + quote(s) + "?"
	}
	return ""
}

func quote(s string) string { return "\"" + s + "\"" }

// distance is the Levenshtein distance of a and b, giving up (returning
// limit+1) once it must exceed limit.
func distance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if abs(len(ra)-len(rb)) > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
