package filelock

import (
	"context"
	"errors"
	"os"
	"time"
)

// ErrLocked says that another holder has the lock.
var ErrLocked = errors.New("locked by another program")

// A Lock is an exclusive lock on a file.
type Lock struct {
	f *os.File
}

// TryLock takes the lock on the file at path (made if missing), or
// returns ErrLocked at once if another holder has it.
func TryLock(path string) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f); err != nil {
		f.Close()
		return nil, err
	}
	return &Lock{f: f}, nil
}

// pollEvery is how often Wait tries again while another holds the lock.
const pollEvery = 50 * time.Millisecond

// Wait takes the lock on the file at path, waiting while another holder
// has it (calling waiting once, if it has to wait) until ctx is done.
func Wait(ctx context.Context, path string, waiting func()) (*Lock, error) {
	told := false
	for {
		l, err := TryLock(path)
		if !errors.Is(err, ErrLocked) {
			return l, err
		}
		if !told && waiting != nil {
			waiting()
			told = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(pollEvery):
		}
	}
}

// Unlock releases the lock.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}
