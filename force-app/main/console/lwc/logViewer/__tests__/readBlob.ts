/**
 * The blob's bytes as UTF-8 text, byte order mark kept (jsdom's Blob has no text(), and
 * FileReader.readAsText drops the mark). Shared by the tests of the CSV download.
 */
export function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const bytes = new Uint8Array(reader.result as ArrayBuffer);
      const escaped = Array.from(bytes, (byte) => `%${byte.toString(16).padStart(2, '0')}`);
      resolve(decodeURIComponent(escaped.join('')));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}
