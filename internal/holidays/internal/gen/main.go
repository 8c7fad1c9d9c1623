package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"log"
	"os"

	"letterpress/internal/holidays"
)

func main() {
	out := flag.String("out", "bank-holidays.json", "file to write")
	flag.Parse()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(holidays.Generate()); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}
