"""words_with_prefix() collects a node's children before the node's own word (post-order), so "ab"
comes after "abc" although a prefix sorts first."""

EXPECT = "test_words_with_prefix_come_in_lexicographic_order"


class Node:
    def __init__(self):
        self.children = {}
        self.end = False
        self.words = 0


class Trie:
    def __init__(self):
        self.root = Node()

    def insert(self, word):
        if self.search(word):
            return
        self._insert(self.root, word, 0)

    def _insert(self, node, word, i):
        node.words += 1
        if i == len(word):
            node.end = True
            return
        if word[i] not in node.children:
            node.children[word[i]] = Node()
        self._insert(node.children[word[i]], word, i + 1)

    def _find(self, prefix):
        node = self.root
        for ch in prefix:
            if ch not in node.children:
                return None
            node = node.children[ch]
        return node

    def search(self, word):
        node = self._find(word)
        return bool(node and node.end)

    def starts_with(self, prefix):
        node = self._find(prefix)
        return node is not None and node.words > 0

    def delete(self, word):
        if not self.search(word):
            return False
        self._delete(self.root, word, 0)
        return True

    def _delete(self, node, word, i):
        # Returns True when `node` no longer leads to any word, so the caller can drop it.
        node.words -= 1
        if i == len(word):
            node.end = False
        else:
            child = node.children[word[i]]
            if self._delete(child, word, i + 1):
                del node.children[word[i]]
        return node.words == 0

    def count_prefix(self, prefix):
        node = self._find(prefix)
        return node.words if node else 0

    def words_with_prefix(self, prefix, limit=None):
        node = self._find(prefix)
        out = []
        if node is None or (limit is not None and limit <= 0):
            return out

        def collect(n, path):
            for ch in sorted(n.children):
                if collect(n.children[ch], path + ch):
                    return True
            if n.end:
                out.append(path)
                if limit is not None and len(out) >= limit:
                    return True
            return False

        collect(node, prefix)
        return out

    def __len__(self):
        return self.root.words

    def __contains__(self, word):
        return isinstance(word, str) and self.search(word)


def find_words(board, words):
    trie = Trie()
    for w in words:
        if w:
            trie.insert(w)
    result = set()
    if not board or not board[0]:
        return result
    rows, cols = len(board), len(board[0])

    def dfs(r, c, node, path):
        ch = board[r][c]
        if ch not in node.children:
            return
        node = node.children[ch]
        path += ch
        if node.end:
            result.add(path)
        board[r][c] = "#"  # mark as used; put back before returning
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < rows and 0 <= nc < cols and board[nr][nc] != "#":
                dfs(nr, nc, node, path)
        board[r][c] = ch

    for r in range(rows):
        for c in range(cols):
            dfs(r, c, trie.root, "")
    return result
