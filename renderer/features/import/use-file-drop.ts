import { useRef, useState, type DragEvent } from 'react';
import { droppedFiles } from './dropped-files';

export interface FileDrop {
  /** True while files are dragged over the target: show the drop overlay. */
  dragging: boolean;
  handlers: {
    onDragEnter(event: DragEvent): void;
    onDragOver(event: DragEvent): void;
    onDragLeave(event: DragEvent): void;
    onDrop(event: DragEvent): void;
  };
}

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Accepts files dropped anywhere on an element. Text or links dragged inside the page are left alone.
 * dragenter/dragleave fire for every child crossed, so a depth count tells when the pointer really left.
 */
export function useFileDrop(onFiles: (files: File[]) => void, accept: boolean, expandFolders = false): FileDrop {
  const depth = useRef(0);
  const [dragging, setDragging] = useState(false);

  const reset = () => {
    depth.current = 0;
    setDragging(false);
  };

  return {
    dragging,
    handlers: {
      onDragEnter(event) {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current += 1;
        setDragging(true);
      },
      onDragOver(event) {
        if (!carriesFiles(event)) return;
        // Without preventDefault the browser (or Electron) would open the file in place of the app.
        event.preventDefault();
        event.dataTransfer.dropEffect = accept ? 'copy' : 'none';
      },
      onDragLeave(event) {
        if (!carriesFiles(event)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      },
      onDrop(event) {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        reset();
        if (accept) void droppedFiles(event.dataTransfer, expandFolders).then(onFiles);
      },
    },
  };
}
