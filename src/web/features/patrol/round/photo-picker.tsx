import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Flex, Image } from 'antd';
import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** The server's limit for one evidence file (413 above it). */
export const maxPhotoBytes = 10 * 1024 * 1024;
const maxPhotos = 5;

/**
 * Photos from the phone's camera (or its gallery), kept in the browser until the outbox sends
 * them: a photo taken offline is a Blob in IndexedDB, not an upload.
 */
export function PhotoPicker({
  value,
  onChange,
  label,
}: {
  value: File[];
  onChange: (files: File[]) => void;
  label: string;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [refused, setRefused] = useState<string[]>([]);
  const urls = useMemo(() => value.map((file) => URL.createObjectURL(file)), [value]);
  useEffect(
    () => () => {
      for (const url of urls) URL.revokeObjectURL(url);
    },
    [urls],
  );
  const add = (files: FileList | null) => {
    const picked = [...(files ?? [])];
    const tooLarge = picked.filter((file) => file.size > maxPhotoBytes);
    setRefused(tooLarge.map((file) => file.name));
    onChange(
      [...value, ...picked.filter((file) => file.size <= maxPhotoBytes)].slice(0, maxPhotos),
    );
    if (input.current !== null) input.current.value = '';
  };
  return (
    <Flex vertical gap={8}>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        aria-label={label}
        style={{ display: 'none' }}
        onChange={(event) => {
          add(event.target.files);
        }}
      />
      <Button
        size="large"
        icon={<CameraOutlined aria-hidden />}
        disabled={value.length >= maxPhotos}
        onClick={() => input.current?.click()}
      >
        {label}
      </Button>
      {refused.length > 0 && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('patrolRound.photos.tooLarge', { names: refused.join('、') })}
        />
      )}
      {value.length > 0 && (
        <Flex gap={8} wrap>
          {value.map((file, index) => (
            <Flex key={urls[index]} vertical align="center" gap={4}>
              <Image
                src={urls[index]}
                alt={file.name}
                width={72}
                height={72}
                style={{ objectFit: 'cover' }}
              />
              <Button
                size="small"
                icon={<DeleteOutlined aria-hidden />}
                aria-label={t('patrolRound.photos.remove', { name: file.name })}
                onClick={() => {
                  onChange(value.filter((_, i) => i !== index));
                }}
              />
            </Flex>
          ))}
        </Flex>
      )}
    </Flex>
  );
}
