// Container image references (repository, tag, digest): no dependencies, so browser code can use it too.

export type ImageRef = { repository: string; tag: string | null; digest: string | null };

/** Splits `registry/repo:tag@sha256:…` into parts; a port in the registry host is not a tag. */
export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  let tag: string | null = null;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { repository: rest, tag, digest };
}

/** `:latest` or no tag at all (which means latest): a mutable image reference. */
export function isMutableImage(image: string): boolean {
  const ref = parseImageRef(image);
  return !ref.digest && (ref.tag === null || ref.tag === "latest");
}
