/**
 * Trades of memory and CPU that pay off for one kind of deployment and surprise anyone else: a
 * library that forces collections, blocks the event loop or keeps buffers across servers would
 * do so to every embedder and test. Each is off unless the one who runs the server turns it on
 * (the paved-cache binary does: docs/cache-server.md, "Tuning", says why).
 */
export interface StorageTuning {
  /**
   * Upload bytes between two forced young-generation collections (FsBackend and S3Backend); 0 or
   * unset: never. Node copies each chunk of a request body into a new buffer outside the JS heap,
   * which V8 frees only when it collects the chunk's small JS wrapper, and a server that allocates
   * little on its JS heap collects rarely: tens of MB of spent upload chunks pile up before any is
   * freed. A young-generation collection frees them for about a millisecond each; the wrappers
   * are young because they are short-lived. One that outlived two (its write waited on a busy
   * disk) is in the old generation, so once the buffers alive have grown by 16 MiB since their
   * lowest the forced collection is a full one. Forcing it needs `--expose-gc`, which is then set
   * at run time for the whole process. CacheServer applies the same to bodies it drains unread.
   */
  reclaimUploadBuffersEveryBytes?: number;
  /**
   * A forced collection once the start-up scan is done (CacheStore). The scan reads every
   * artifact's header, and with thousands of artifacts that is tens of MB of garbage the server
   * would otherwise carry into its first requests.
   */
  reclaimAfterStartupScan?: boolean;
  /**
   * Uploads of at most this many bytes, arriving while no other upload is in progress and
   * without fsync, are written with synchronous calls on the event loop (FsBackend); 0 or unset:
   * never. Into the page cache such a write takes tens of microseconds, less than the round trips
   * to the thread pool it saves, which is what a lone client waits on; but the event loop serves
   * nothing else meanwhile, so on a slow disk every other request waits too. Under concurrent
   * uploads the pool's threads write in parallel instead.
   */
  syncWriteMaxBytes?: number;
  /**
   * Free download chunks (64 KiB each) the backend keeps for its next downloads from disk
   * (FsBackend); 0 or unset: none, each download allocates its two chunks and leaves them to the
   * collector. A busy server recycles its chunks instead of dropping some each time the number of
   * downloads dips and allocating them again after; the price is memory held while idle.
   */
  pooledSendChunks?: number;
  /**
   * New, empty upload files the backend keeps created ahead in its upload folder (FsBackend); 0
   * or unset: none, each upload creates its own. Creating a file costs ext4 about 150 µs when the
   * disk has had a moment's rest (measured here: 5–10 µs in a tight loop, 150–180 µs with half a
   * millisecond between creations), and an upload waits for it; made in the thread pool right after
   * an upload takes one, the next upload finds its file ready. The price is that many open
   * descriptors and empty files in `.tmp/`, which start-up empties.
   */
  spoolFilesAhead?: number;
}
