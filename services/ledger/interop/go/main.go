// Command tlog-interop checks the ledger's C2SP tiles with Go's own transparency-log code
// (golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog), which shares nothing with
// the ledger's TypeScript: it opens the served checkpoint with the ledger's verifier key,
// authenticates the tiles it reads against that checkpoint (tlog.TileHashReader), proves and
// checks one entry's inclusion (ProveRecord / CheckRecord) and the consistency of an older
// signed checkpoint with the newest (ProveTree / CheckTree). Any rejection exits non-zero.
//
// Built offline from Debian's golang-golang-x-mod-dev: GO111MODULE=off GOPATH=/usr/share/gocode
// GOPROXY=off go run main.go -base … (services/ledger/src/tiles/tiles-go-interop.int-spec.ts).
package main

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const tileHeight = 8

var (
	base   = flag.String("base", "", "the log's C2SP prefix URL, e.g. http://127.0.0.1:3006/ledger/tlog")
	vkey   = flag.String("vkey", "", "the ledger's note verifier key <name>+<id>+<key>")
	origin = flag.String("origin", "", "the origin line the checkpoint must carry")
	index  = flag.Int64("index", 0, "leaf index whose inclusion is proved")
	old    = flag.String("old", "", "file holding an older signed checkpoint, proved consistent with the newest")
	token  = flag.String("token", "", "bearer token for the entry bundles (whole-log readers)")
)

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "REJECTED: "+format+"\n", args...)
	os.Exit(1)
}

func get(path string, auth bool) []byte {
	req, err := http.NewRequest("GET", strings.TrimSuffix(*base, "/")+"/"+path, nil)
	if err != nil {
		fail("%v", err)
	}
	if auth {
		req.Header.Set("Authorization", "Bearer "+*token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		fail("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		fail("GET %s: status %d, %v: %s", path, res.StatusCode, err, body)
	}
	return body
}

// openCheckpoint verifies a signed note with the ledger's key and reads it as a C2SP checkpoint.
func openCheckpoint(msg []byte, verifier note.Verifier) tlog.Tree {
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint signature: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) < 3 || lines[0] != *origin {
		fail("checkpoint %q does not start with origin %q, size, root", n.Text, *origin)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("checkpoint size %q: %v", lines[1], err)
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		fail("checkpoint root %q: %v", lines[2], err)
	}
	var hash tlog.Hash
	copy(hash[:], root)
	return tlog.Tree{N: size, Hash: hash}
}

// c2spPath maps Go's tile/8/<L>/<N>[.p/<W>] (sumdb) onto C2SP's tile/<L>/<N>[.p/<W>].
func c2spPath(t tlog.Tile) string {
	p := strings.TrimPrefix(t.Path(), "tile/"+strconv.Itoa(tileHeight)+"/")
	return "tile/" + strings.Replace(p, "data/", "entries/", 1)
}

type tileReader struct{ fetched int }

func (r *tileReader) Height() int { return tileHeight }

func (r *tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	data := make([][]byte, len(tiles))
	for i, t := range tiles {
		data[i] = get(c2spPath(t), false)
		r.fetched++
	}
	return data, nil
}

func (r *tileReader) SaveTiles([]tlog.Tile, [][]byte) {}

// entryAt reads leaf `i` from its entry bundle in the tree of size n.
func entryAt(i, n int64) []byte {
	tile := tlog.Tile{H: tileHeight, L: -1, N: i >> tileHeight, W: 1 << tileHeight}
	if rest := n - tile.N<<tileHeight; rest < int64(tile.W) {
		tile.W = int(rest)
	}
	bundle := get(c2spPath(tile), true)
	for k := int64(0); len(bundle) >= 2; k++ {
		size := int(binary.BigEndian.Uint16(bundle))
		if len(bundle) < 2+size {
			fail("entry bundle %s is truncated", c2spPath(tile))
		}
		if k == i-tile.N<<tileHeight {
			return bundle[2 : 2+size]
		}
		bundle = bundle[2+size:]
	}
	fail("entry bundle %s lacks entry %d", c2spPath(tile), i)
	return nil
}

func encode(hashes []tlog.Hash) []string {
	out := make([]string, len(hashes))
	for i, h := range hashes {
		out[i] = base64.StdEncoding.EncodeToString(h[:])
	}
	return out
}

func main() {
	flag.Parse()
	verifier, err := note.NewVerifier(*vkey)
	if err != nil {
		fail("verifier key: %v", err)
	}
	tree := openCheckpoint(get("checkpoint", false), verifier)
	if *index < 0 || *index >= tree.N {
		fail("leaf %d is not in the tree of size %d", *index, tree.N)
	}
	tiles := &tileReader{}
	// Every hash this reader returns was authenticated against the checkpoint's root.
	hashes := tlog.TileHashReader(tree, tiles)

	record := tlog.RecordHash(entryAt(*index, tree.N))
	inclusion, err := tlog.ProveRecord(tree.N, *index, hashes)
	if err != nil {
		fail("inclusion proof from the tiles: %v", err)
	}
	if err := tlog.CheckRecord(inclusion, tree.N, tree.Hash, *index, record); err != nil {
		fail("inclusion of leaf %d: %v", *index, err)
	}

	result := map[string]interface{}{
		"treeSize":       tree.N,
		"rootHash":       base64.StdEncoding.EncodeToString(tree.Hash[:]),
		"leafIndex":      *index,
		"leafHash":       base64.StdEncoding.EncodeToString(record[:]),
		"inclusionProof": encode(inclusion),
	}
	if *old != "" {
		msg, err := os.ReadFile(*old)
		if err != nil {
			fail("%v", err)
		}
		older := openCheckpoint(msg, verifier)
		consistency, err := tlog.ProveTree(tree.N, older.N, hashes)
		if err != nil {
			fail("consistency proof from the tiles: %v", err)
		}
		if err := tlog.CheckTree(consistency, tree.N, tree.Hash, older.N, older.Hash); err != nil {
			fail("consistency of %d with %d: %v", older.N, tree.N, err)
		}
		result["oldSize"] = older.N
		result["consistencyProof"] = encode(consistency)
	}
	result["tilesFetched"] = tiles.fetched
	out, _ := json.Marshal(result)
	fmt.Println(string(out))
}
