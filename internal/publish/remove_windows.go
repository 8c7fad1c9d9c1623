//go:build windows

package publish

// removeListed is not done by name on Windows: the caller removes the
// tree the ordinary way (os.RemoveAll, on every core: removeAll).
func removeListed(string, []string) error { return errLeft }
