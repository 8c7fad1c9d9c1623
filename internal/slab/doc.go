// Package slab hands out objects and strings that live as long as a build
// from larger allocations shared with others of their kind.
//
// A build keeps each document's front matter and each body's Result until
// it ends, while making them makes many times as much garbage that dies
// at once. Allocated one by one, the kept objects were spread over memory
// the garbage had held, which the runtime cannot reuse for other sizes
// nor give back while one object in each span lives: on a large site,
// much memory held but unused. From slabs, they are packed together.
//
// Use it only for what lives as long as the build; an object taken from a
// slab keeps its whole slab alive. The zero [Of] and [Text] are ready to
// use and safe for concurrent use.
package slab
