// The streaming plan's fetch client for the Python service, as its front-end code was written:
// a reader over response.body, the buffer split on blank lines, and each block read as
// "event: X" on its first line and "data: {json}" on its second. It has no parser to speak
// of, so it only works when every block the server sends has exactly that shape.
// docs/STREAMING_GUIDE.md shows the same code; keep the two alike.

export async function uploadBatch(url, files, {onProgress, onResult, onError, onComplete}) {
    const formData = new FormData();
    files.forEach((file) => formData.append('files', file));

    const response = await fetch(url, {method: 'POST', body: formData});
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';

    while (true) {
        const {done, value} = await reader.read();
        if (done) break;

        buffer += decoder.decode(value, {stream: true});
        const lines = buffer.split('\n\n');
        buffer = lines.pop();

        for (const line of lines) {
            const [eventLine, dataLine] = line.split('\n');
            const eventType = eventLine.replace('event: ', '');
            const data = JSON.parse(dataLine.replace('data: ', ''));

            switch (eventType) {
                case 'progress':
                    onProgress(data);
                    break;
                case 'result':
                    onResult(data);
                    break;
                case 'error':
                    onError(data);
                    break;
                case 'complete':
                    onComplete(data);
                    break;
            }
        }
    }
}
