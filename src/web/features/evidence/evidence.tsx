import { Button, Flex, Form, Image, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { fileUrl, uploadFile, type StoredFile } from '../../api/duty.api.ts';
import { useErrorText } from '../../i18n/error-text.ts';

export type EvidenceFiles = UploadFile<StoredFile>[];

/** The uploaded files of a form field as the API's attachment references. */
export function attachmentsOf(
  files: EvidenceFiles | undefined,
): { sha256: string; fileName: string }[] {
  return (files ?? []).flatMap((f) =>
    f.status === 'done' && f.response !== undefined
      ? [{ sha256: f.response.sha256, fileName: f.name }]
      : [],
  );
}

/** True while a file of the field is still on its way up: saving waits for it. */
export function stillUploading(files: EvidenceFiles | undefined): boolean {
  return (files ?? []).some((f) => f.status === 'uploading');
}

/**
 * Evidence photos or PDFs (HO-OUT-2, WORK-2) from the camera or files: each is uploaded at
 * once with its progress, type-checked by the server, and attached by its sha256 on save.
 */
export function EvidenceField({
  officeId,
  name = 'files',
  label,
}: {
  officeId: string;
  /** the form field; a path inside a Form.List row (`[row, 'files']`) */
  name?: string | (string | number)[];
  label?: string;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const upload: UploadProps<StoredFile>['customRequest'] = ({
    file,
    onProgress,
    onSuccess,
    onError,
  }) => {
    uploadFile(officeId, file as File, (fraction) => {
      onProgress?.({ percent: Math.round(fraction * 100) });
    }).then(
      (stored) => {
        onSuccess?.(stored);
      },
      (error: unknown) => {
        const fileName = (file as File).name;
        onError?.(
          new Error(t('dutyLog.form.uploadFailed', { name: fileName, error: errorText(error) })),
        );
      },
    );
  };
  return (
    <Form.Item
      name={name}
      {...(label === undefined ? {} : { label })}
      valuePropName="fileList"
      getValueFromEvent={(event: { fileList: EvidenceFiles }) => event.fileList}
    >
      <Upload<StoredFile>
        multiple
        accept="image/*,application/pdf"
        customRequest={upload}
        maxCount={10}
      >
        <Button icon={<UploadOutlined aria-hidden />}>{t('dutyLog.form.attach')}</Button>
      </Upload>
    </Form.Item>
  );
}

/** Attached files: thumbnails for photos the browser can show, links for the rest. */
export function AttachmentLinks({
  officeId,
  files,
}: {
  officeId: string;
  files: readonly { sha256: string; fileName: string; mediaType: string }[];
}) {
  if (files.length === 0) return null;
  return (
    <Flex gap={8} wrap>
      {files.map((file) =>
        file.mediaType.startsWith('image/') && file.mediaType !== 'image/heic' ? (
          <Image
            key={file.sha256}
            src={fileUrl(officeId, file.sha256)}
            alt={file.fileName}
            width={72}
            height={72}
            style={{ objectFit: 'cover' }}
          />
        ) : (
          <a
            key={file.sha256}
            href={fileUrl(officeId, file.sha256)}
            target="_blank"
            rel="noreferrer"
          >
            <PaperClipOutlined aria-hidden /> {file.fileName}
          </a>
        ),
      )}
    </Flex>
  );
}
