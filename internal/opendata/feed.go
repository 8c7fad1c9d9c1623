package opendata

import (
	"cmp"
	"encoding/json"
	"io"
	"strings"
)

// jsonFeed is a JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
type jsonFeed struct {
	Version     string           `json:"version"`
	Title       string           `json:"title"`
	HomePageURL string           `json:"home_page_url"`
	FeedURL     string           `json:"feed_url"`
	Description string           `json:"description,omitempty"`
	Language    string           `json:"language"`
	Authors     []jsonFeedAuthor `json:"authors,omitempty"`
	Items       []jsonFeedItem   `json:"items"`
}

// jsonFeedAuthor is an author of a feed or an item.
type jsonFeedAuthor struct {
	Name string `json:"name"`
}

// jsonFeedItem is one letter or reply.
type jsonFeedItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url"`
	Title         string           `json:"title"`
	ContentText   string           `json:"content_text"`
	Summary       string           `json:"summary,omitempty"`
	DatePublished string           `json:"date_published"`
	Authors       []jsonFeedAuthor `json:"authors,omitempty"`
	Tags          []string         `json:"tags"`
}

// feedJSON has the entries of feed.xml, with the same ids (each page's
// absolute URL), titles and language. Summaries are the front matter's
// only, and so is the content_text JSON Feed requires (the summary, or the
// title): no body goes into the feed.
func (od *facts) feedJSON(w io.Writer) error {
	s := od.s
	origin := strings.TrimSuffix(s.BaseURL, s.BasePath)
	f := jsonFeed{
		Version: "https://jsonfeed.org/version/1.1", Title: s.Title,
		HomePageURL: od.abs("/"), FeedURL: od.abs("/feed.json"), Description: s.Description, Language: s.Lang,
		Items: []jsonFeedItem{},
	}
	if s.Author != "" {
		f.Authors = []jsonFeedAuthor{{s.Author}}
	}
	for _, e := range s.Feed() {
		it := jsonFeedItem{
			ID: origin + e.URL, URL: origin + e.URL, Title: e.Title, Summary: e.Summary,
			DatePublished: e.Published, Tags: []string{e.Kind},
		}
		// JSON Feed requires content; the text itself is on the page.
		it.ContentText = cmp.Or(it.Summary, it.Title)
		for _, name := range e.Authors {
			it.Authors = append(it.Authors, jsonFeedAuthor{name})
		}
		f.Items = append(f.Items, it)
	}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
