package markdown

import (
	"strings"
	"testing"
)

func TestRedaction(t *testing.T) {
	tests := []struct {
		name, lang, src, want string
	}{
		{"bare", "en", "Call [redacted] today.\n",
			`<p>Call <span class="redacted"><span class="visually-hidden">[redacted]</span></span> today.</p>` + "\n"},
		{"reason, escaped", "en", "By [REDACTED: a <junior> official's name], for now.\n",
			`<p>By <span class="redacted"><span class="visually-hidden">[redacted: a &lt;junior&gt; official&#39;s name]</span></span>, for now.</p>` + "\n"},
		{"Welsh", "cy", "Ffoniwch [redacted].\n",
			`<p>Ffoniwch <span class="redacted"><span class="visually-hidden">[wedi’i olygu]</span></span>.</p>` + "\n"},
		{"in a table cell", "en", "| a | b |\n|---|---|\n| [redacted] | x |\n",
			"<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><span class=\"redacted\"><span class=\"visually-hidden\">[redacted]</span></span></td>\n<td>x</td>\n</tr>\n</tbody>\n</table>\n"},
		{"escaped mark is text", "en", `\[redacted]` + "\n", "<p>[redacted]</p>\n"},
		{"in code it is code", "en", "`[redacted]`\n", "<p><code>[redacted]</code></p>\n"},
		{"links and footnotes still work", "en", "[x](https://example.org/) and [^1] [redacted: x]\n\n[^1]: Note.\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := New(tt.lang).Convert([]byte(tt.src), resolver)
			if err != nil {
				t.Fatal(err)
			}
			got := string(res.HTML)
			if tt.want == "" {
				for _, want := range []string{`<a href="https://example.org/">x</a>`, `<sup id="fnref:1">`, `[redacted: x]</span></span>`} {
					if !strings.Contains(got, want) {
						t.Errorf("missing %s in\n%s", want, got)
					}
				}
				return
			}
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestRedactionInSummary(t *testing.T) {
	res := convert(t, "Dear Sir,\n\nOur officer [redacted: name] will reply.\n")
	if res.Summary != "Our officer [redacted: name] will reply." {
		t.Errorf("summary = %q", res.Summary)
	}
}
