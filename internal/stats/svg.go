package stats

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"letterpress/internal/i18n"
)

// axisScale picks the top of a value axis and the step between its ticks:
// whole numbers, steps of 1, 2 or 5 times a power of ten, four or five
// ticks.
func axisScale(hi int) (top, step int) {
	if hi <= 0 {
		return 1, 1
	}
	rough := float64(hi) / 4
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if s := m * p; float64(s) >= rough {
				step = s
				return (hi + step - 1) / step * step, step
			}
		}
	}
}

// bar is one horizontal bar.
type bar struct {
	label string // what the bar is, above it
	value int    // its length, and data-value
	text  string // shown at its end
	title string // its tooltip
}

// barSVG draws horizontal bars, each under its label, scaled to scale; with
// track, each on a pale track showing the whole scale.
func barSVG(id, title, desc string, bars []bar, scale int, track bool) string {
	const x0, valueW, top = 1.0, 64.0, 4.0
	full := chartW - x0 - valueW
	h := top*2 + float64(len(bars))*rowH
	var sv svg
	sv.open(id, "bars", title, desc, chartW, h, 11)
	for i, b := range bars {
		y := top + float64(i)*rowH
		bw := 0.0
		if scale > 0 {
			bw = float64(b.value) / float64(scale) * full
		}
		if b.value > 0 {
			bw = math.Max(bw, 2)
		}
		sv.raw(`<g class="chart-row">`)
		// The label, whole or nearly; narrow screens, whose type is
		// larger, show a shorter form (hidden unless the stylesheet
		// shows it).
		if long := truncate(b.label, 64); utf8.RuneCountInString(long) <= 40 {
			sv.text(x0, y+15, "start", "chart-label", long)
		} else {
			sv.text(x0, y+15, "start", "chart-label chart-long", long)
			sv.raw(`<text class="chart-label chart-short" x="` + num(x0) + `" y="` + num(y+15) + `" display="none">`)
			sv.esc(truncate(b.label, 40))
			sv.raw(`</text>`)
		}
		if track {
			sv.raw(`<rect class="chart-track" x="` + num(x0) + `" y="` + num(y+19) + `" width="` + num(full) + `" height="12" fill="` + trackFill + `"/>`)
		}
		sv.raw(`<rect class="chart-bar" x="` + num(x0) + `" y="` + num(y+19) + `" width="` + num(bw) + `" height="12" fill="` + barFill + `" data-value="` + strconv.Itoa(b.value) + `"><title>`)
		sv.esc(b.title)
		sv.raw(`</title></rect>`)
		tx := x0 + bw + 6
		if track {
			tx = x0 + full + 6
		}
		sv.text(tx, y+29.5, "start", "chart-value", b.text)
		sv.raw(`</g>`)
	}
	return sv.close()
}

// columnSVG draws a few labelled columns with their values above them:
// the small chart of an organisation's page.
func columnSVG(id, title, desc string, labels, titles []string, counts []int) string {
	const top, bottom, side = 24.0, 26.0, 8.0
	plotH := orgH - top - bottom
	base := top + plotH
	slot := (orgW - 2*side) / float64(len(counts))
	barW := slot * 0.62
	mx := slices.Max(counts)
	var sv svg
	sv.open(id, "small", title, desc, orgW, orgH, 13)
	for i, v := range counts {
		h := 0.0
		if mx > 0 {
			h = float64(v) / float64(mx) * plotH
		}
		cx := side + (float64(i)+0.5)*slot
		sv.raw(`<rect class="chart-bar" x="` + num(cx-barW/2) + `" y="` + num(base-h) + `" width="` + num(barW) + `" height="` + num(h) + `" fill="` + barFill + `" data-value="` + strconv.Itoa(v) + `"><title>`)
		sv.esc(titles[i])
		sv.raw(`</title></rect>`)
		sv.text(cx, base-h-6, "middle", "chart-value", i18n.Int(v))
		sv.text(cx, base+18, "middle", "chart-label", labels[i])
	}
	sv.raw(`<line class="chart-axis" x1="` + num(side) + `" x2="` + num(orgW-side) + `" y1="` + num(base) + `" y2="` + num(base) + `" stroke="` + ink + `" stroke-width="1"/>`)
	return sv.close()
}

// svg builds an SVG chart. Every text goes through esc.
type svg struct{ b strings.Builder }

func (sv *svg) raw(s string) { sv.b.WriteString(s) }

func (sv *svg) esc(s string) { sv.b.WriteString(escape(s)) }

// open starts the SVG, with its title and description, which name it for
// assistive technology (its role is img: one picture, described in words).
func (sv *svg) open(id, kind, title, desc string, width, height float64, fontSize int) {
	sv.raw(`<svg class="chart-svg chart-svg-` + kind + `" id="` + id + `-svg" role="img" aria-labelledby="` + id + `-title ` + id + `-desc" viewBox="0 0 ` + num(width) + ` ` + num(height) +
		`" width="100%" preserveAspectRatio="xMinYMin meet" font-size="` + strconv.Itoa(fontSize) + `" fill="` + ink + `" focusable="false">`)
	sv.raw(`<title id="` + id + `-title">`)
	sv.esc(title)
	sv.raw(`</title><desc id="` + id + `-desc">`)
	sv.esc(desc)
	sv.raw(`</desc>`)
}

func (sv *svg) text(x, y float64, anchor, class, s string) {
	sv.raw(`<text class="` + class + `" x="` + num(x) + `" y="` + num(y) + `"`)
	if anchor != "start" {
		sv.raw(` text-anchor="` + anchor + `"`)
	}
	sv.raw(`>`)
	sv.esc(s)
	sv.raw(`</text>`)
}

func (sv *svg) close() string {
	sv.raw(`</svg>`)
	return string(sv.b.String())
}

// num writes a coordinate with at most two decimals.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// truncate shortens a label to n characters, ending it with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// escape is html/template's escaping of text (text/template's
// HTMLEscapeString, byte by byte): the SVG's text escaped as the page's
// own is.
func escape(s string) string {
	var b []byte
	last := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '"':
			r = "&#34;"
		case 0:
			r = "\uFFFD"
		default:
			continue
		}
		b = append(append(b, s[last:i]...), r...)
		last = i + 1
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}
