// Command release builds letterpress for each platform released, packs
// each build with the README and the guides into an archive (tar.gz; zip
// for Windows), and writes the archives' SHA-256 checksums. It is run by
// scripts/release.sh, which says what version it is; see
// docs/releasing.md.
//
//	go run ./tools/release -version v1.2.0 -commit HASH -date 2026-12-06T10:00:00Z -out dist
//	go run ./tools/release -verify dist
//
// The archives are the same bytes for the same commit and version: the
// builds are -trimpath, and every file in an archive has the commit's
// time and a fixed owner and mode, in name order.
package main

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Checksums is the file, in the output folder, that lists every
// archive's SHA-256 as sha256sum writes it.
const Checksums = "checksums.txt"

func main() {
	var (
		version   = flag.String("version", "", "the version released (v1.2.0), or a snapshot's name")
		commit    = flag.String("commit", "", "the commit built (full hash)")
		date      = flag.String("date", "", "the commit's time, RFC 3339")
		out       = flag.String("out", "dist", "the folder the archives are written to (emptied first)")
		platforms = flag.String("platforms", "linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64", "GOOS/GOARCH pairs, separated by spaces")
		verify    = flag.String("verify", "", "check the archives in this folder against its "+Checksums+" instead of building")
	)
	flag.Parse()
	var err error
	if *verify != "" {
		err = verifyDir(*verify)
	} else {
		err = release(*version, *commit, *date, *out, strings.Fields(*platforms))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

// included are the files of the repository packed beside the program:
// the README, any licence or notice, and the guides.
func included() ([]string, error) {
	var files []string
	for _, pat := range []string{"README*", "LICENSE*", "LICENCE*", "COPYING*", "NOTICE*"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			return nil, err
		}
		files = append(files, m...)
	}
	err := filepath.WalkDir("docs", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, filepath.ToSlash(p))
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if !slices.Contains(files, "README.md") {
		return nil, errors.New("no README.md: run from the repository's root")
	}
	slices.Sort(files)
	return files, nil
}

func release(version, commit, date, out string, platforms []string) error {
	if version == "" || commit == "" || date == "" {
		return errors.New("-version, -commit and -date are needed")
	}
	when, err := time.Parse(time.RFC3339, date)
	if err != nil {
		return fmt.Errorf("-date: %v", err)
	}
	files, err := included()
	if err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	work := filepath.Join(out, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	var sums []string
	for _, p := range platforms {
		goos, goarch, ok := strings.Cut(p, "/")
		if !ok {
			return fmt.Errorf("platform %q is not GOOS/GOARCH", p)
		}
		name := fmt.Sprintf("letterpress_%s_%s_%s", strings.TrimPrefix(version, "v"), goos, goarch)
		exe := "letterpress"
		if goos == "windows" {
			exe += ".exe"
		}
		bin := filepath.Join(work, name, exe)
		ldflags := fmt.Sprintf("-s -w -X main.version=%s -X main.commit=%s -X main.buildDate=%s", version, commit, date)
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", ldflags, "-o", bin, "./cmd/letterpress")
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		fmt.Fprintf(os.Stderr, "release: building %s\n", name)
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build for %s: %v", p, err)
		}
		entries := []entry{{name + "/" + exe, bin, 0o755}}
		for _, f := range files {
			entries = append(entries, entry{name + "/" + f, filepath.FromSlash(f), 0o644})
		}
		archive := name + ".tar.gz"
		pack := packTarGz
		if goos == "windows" {
			archive, pack = name+".zip", packZip
		}
		var buf bytes.Buffer
		if err := pack(&buf, entries, when); err != nil {
			return fmt.Errorf("packing %s: %v", archive, err)
		}
		if err := os.WriteFile(filepath.Join(out, archive), buf.Bytes(), 0o644); err != nil {
			return err
		}
		sum := sha256.Sum256(buf.Bytes())
		sums = append(sums, archive+"\x00"+hex.EncodeToString(sum[:])+"  "+archive+"\n")
	}
	if err := os.RemoveAll(work); err != nil {
		return err
	}
	slices.Sort(sums) // by archive
	for i, s := range sums {
		_, sums[i], _ = strings.Cut(s, "\x00")
	}
	if err := os.WriteFile(filepath.Join(out, Checksums), []byte(strings.Join(sums, "")), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "release: %d archives and %s in %s\n", len(sums), Checksums, out)
	return nil
}

// entry is a file of an archive: its name there, where it is, its mode.
type entry struct {
	name, src string
	mode      int64
}

func packTarGz(w io.Writer, entries []entry, when time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	dirs := map[string]bool{}
	for _, e := range entries {
		for dir := path.Dir(e.name); dir != "." && !dirs[dir]; dir = path.Dir(dir) {
			dirs[dir] = true
		}
	}
	for _, d := range slices.Sorted(maps.Keys(dirs)) {
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: d + "/", Mode: 0o755, ModTime: when, Format: tar.FormatPAX}); err != nil {
			return err
		}
	}
	for _, e := range entries {
		data, err := os.ReadFile(e.src)
		if err != nil {
			return err
		}
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: e.name, Mode: e.mode, Size: int64(len(data)), ModTime: when, Format: tar.FormatPAX}); err != nil {
			return err
		}
		if _, err := tw.Write(data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func packZip(w io.Writer, entries []entry, when time.Time) error {
	zw := zip.NewWriter(w)
	for _, e := range entries {
		data, err := os.ReadFile(e.src)
		if err != nil {
			return err
		}
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: when.UTC()}
		h.SetMode(fs.FileMode(e.mode))
		f, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// verifyDir checks that every archive Checksums lists has its checksum,
// and holds the program and the README; and that no archive is missing
// from the list.
func verifyDir(dir string) error {
	f, err := os.Open(filepath.Join(dir, Checksums))
	if err != nil {
		return err
	}
	defer f.Close()
	listed := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		want, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok || strings.ContainsAny(name, `/\`) {
			return fmt.Errorf("%s: not a checksum line: %q", Checksums, sc.Text())
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != want {
			return fmt.Errorf("%s: checksum differs from %s's", name, Checksums)
		}
		names, err := archived(name, data)
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		base := strings.TrimSuffix(strings.TrimSuffix(name, ".zip"), ".tar.gz")
		exe := "letterpress"
		if strings.HasSuffix(name, ".zip") {
			exe += ".exe"
		}
		for _, want := range []string{base + "/" + exe, base + "/README.md"} {
			if !slices.Contains(names, want) {
				return fmt.Errorf("%s lacks %s", name, want)
			}
		}
		listed[name] = true
	}
	if err := sc.Err(); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if n := e.Name(); (strings.HasSuffix(n, ".tar.gz") || strings.HasSuffix(n, ".zip")) && !listed[n] {
			return fmt.Errorf("%s is not in %s", n, Checksums)
		}
	}
	if len(listed) == 0 {
		return fmt.Errorf("%s lists no archive", Checksums)
	}
	fmt.Fprintf(os.Stderr, "release: %d archives in %s match %s\n", len(listed), dir, Checksums)
	return nil
}

// archived lists the files of an archive (name says which kind).
func archived(name string, data []byte) ([]string, error) {
	var names []string
	if strings.HasSuffix(name, ".zip") {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, err
		}
		for _, f := range zr.File {
			names = append(names, f.Name)
		}
		return names, nil
	}
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return names, nil
		}
		if err != nil {
			return nil, err
		}
		names = append(names, h.Name)
	}
}
