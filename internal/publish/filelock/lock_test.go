package filelock

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

func TestTryLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".public.lock")
	a, err := TryLock(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := TryLock(path); !errors.Is(err, ErrLocked) {
		t.Fatalf("a second lock: %v, want ErrLocked", err)
	}
	if err := a.Unlock(); err != nil {
		t.Fatal(err)
	}
	b, err := TryLock(path)
	if err != nil {
		t.Fatalf("locking once released: %v", err)
	}
	b.Unlock()
}

// TestWait: a second holder waits (saying so, once) until the first
// releases the lock, or until its context is done.
func TestWait(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".public.lock")
	first, err := TryLock(path)
	if err != nil {
		t.Fatal(err)
	}
	var told atomic.Int32
	var released atomic.Bool
	got := make(chan error, 1)
	go func() {
		l, err := Wait(context.Background(), path, func() { told.Add(1) })
		if err == nil && !released.Load() {
			err = errors.New("took the lock while the first held it")
		}
		l.Unlock()
		got <- err
	}()
	time.Sleep(300 * time.Millisecond)
	released.Store(true)
	first.Unlock()
	if err := <-got; err != nil {
		t.Fatal(err)
	}
	if told.Load() != 1 {
		t.Errorf("told %d times that it waits, want once", told.Load())
	}

	first, err = TryLock(path)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := Wait(ctx, path, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("waiting past the context: %v", err)
	}
}

// TestLockAcrossProcesses: a lock taken by another process holds this
// one off, and is released when that process is killed.
func TestLockAcrossProcesses(t *testing.T) {
	if path := os.Getenv("FILELOCK_HOLD"); path != "" {
		if _, err := TryLock(path); err != nil {
			os.Stdout.WriteString("error " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Stdout.WriteString("locked\n")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	path := filepath.Join(t.TempDir(), ".public.lock")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockAcrossProcesses$")
	cmd.Env = append(os.Environ(), "FILELOCK_HOLD="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "locked\n" {
		cmd.Process.Kill()
		t.Fatalf("the other process: %q, %v", line, err)
	}
	if _, err := TryLock(path); !errors.Is(err, ErrLocked) {
		cmd.Process.Kill()
		t.Fatalf("locking what another process holds: %v, want ErrLocked", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	l, err := Wait(ctx, path, nil)
	if err != nil {
		t.Fatalf("once the other process was killed: %v", err)
	}
	l.Unlock()
}
