/** Hands the text main built to the browser as a download named `filename`. */
export function saveDownload(file: { text: string; mime: string; filename: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
