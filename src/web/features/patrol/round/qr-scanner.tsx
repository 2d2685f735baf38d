import { useEffect, useRef, useState } from 'react';
import { Alert, Modal, Typography } from 'antd';
import jsQR from 'jsqr';
import { useTranslation } from 'react-i18next';
import { codeFromScan } from '../../../../shared/patrol-codes.ts';

type Detector = { detect: (source: HTMLVideoElement) => Promise<{ rawValue: string }[]> };
type DetectorClass = new (options: { formats: string[] }) => Detector;

/** The browser's own QR reader when it has one (Chrome on Android), else null. */
function nativeDetector(): Detector | null {
  const found = (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (found === undefined) return null;
  try {
    return new found({ formats: ['qr_code'] });
  } catch {
    return null;
  }
}

/** Reads one frame of the video with jsQR (drawn on a canvas). */
function decodeFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): string | null {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (width === 0 || height === 0) return null;
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (context === null) return null;
  context.drawImage(video, 0, 0, width, height);
  const image = context.getImageData(0, 0, width, height);
  return jsQR(image.data, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

/**
 * The back camera in a dialog, reading QR codes until one is a checkpoint's label (its scan
 * URL or its bare code); anything else is ignored with a hint. A camera missing or refused
 * says so: the code can always be typed instead.
 */
export function QrScanner({
  open,
  onClose,
  onCode,
}: {
  open: boolean;
  onClose: () => void;
  onCode: (code: string) => void;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<'camera' | 'foreign' | null>(null);
  const noCamera = typeof navigator.mediaDevices === 'undefined';
  const latest = useRef(onCode);
  useEffect(() => {
    latest.current = onCode;
  }, [onCode]);

  useEffect(() => {
    if (!open) return;
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    const run = { stopped: false };
    // read after each await: the dialog may have closed meanwhile
    const stopped = () => run.stopped;
    const canvas = document.createElement('canvas');
    const detector = nativeDetector();
    const read = async (element: HTMLVideoElement): Promise<string | null> => {
      if (detector !== null) {
        try {
          const found = await detector.detect(element);
          return found[0]?.rawValue ?? null;
        } catch {
          // fall back to jsQR for this frame
        }
      }
      return decodeFrame(element, canvas);
    };
    const tick = async () => {
      const element = video.current;
      if (stopped() || element === null) return;
      const text = await read(element);
      if (stopped()) return;
      if (text !== null) {
        const code = codeFromScan(text);
        if (code !== null) {
          latest.current(code);
          return;
        }
        setProblem('foreign');
      }
      timer = window.setTimeout(() => void tick(), 200);
    };
    // without a camera API (plain http, old browser) `noCamera` says so
    if (typeof navigator.mediaDevices === 'undefined') return;
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(
        async (media) => {
          stream = media;
          const element = video.current;
          if (stopped() || element === null) return;
          element.srcObject = media;
          await element.play();
          void tick();
        },
        () => {
          setProblem('camera');
        },
      )
      .catch(() => {
        setProblem('camera');
      });
    return () => {
      run.stopped = true;
      window.clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [open]);

  return (
    <Modal
      open={open}
      title={t('patrolRound.scan.title')}
      onCancel={() => {
        setProblem(null);
        onClose();
      }}
      footer={null}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('patrolRound.scan.hint')}</Typography.Paragraph>
      <video
        ref={video}
        muted
        playsInline
        aria-label={t('patrolRound.scan.video')}
        style={{ width: '100%', borderRadius: 8, background: '#000' }}
      />
      {(noCamera || problem === 'camera') && (
        <Alert type="warning" showIcon role="alert" title={t('patrolRound.scan.noCamera')} />
      )}
      {problem === 'foreign' && (
        <Alert type="info" showIcon role="status" title={t('patrolRound.scan.foreign')} />
      )}
    </Modal>
  );
}
