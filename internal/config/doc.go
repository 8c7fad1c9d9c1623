// Package config reads a site's settings, site.yaml, into a validated
// [Config].
//
// It owns the settings and nothing else: it reads no content, and every
// later stage (content, graph, render) takes the *Config it returns. The
// file is read with package frontmatter's YAML reader, so that every
// setting keeps its position and a wrong value is reported at its line
// and column; the working-day calendar comes from package holidays, with
// the site's extra_holidays added.
//
// [Load] always returns a usable Config, its defaults filled in, even when
// the file has problems: a build goes on to report the content's problems
// too, all at once. Config.Unusable marks a missing or unreadable file,
// so that later stages do not report every topic as undeclared. Keys the
// contract does not define are kept in Params for the layouts.
package config
